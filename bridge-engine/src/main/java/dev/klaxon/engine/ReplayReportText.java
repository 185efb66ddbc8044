package dev.klaxon.engine;

import dev.klaxon.decision.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A {@link ReplayReport} as the lines {@code rules replay} prints and the console's Rules view shows. */
public final class ReplayReportText {
    /** Differences a table lists; every one of them is in the report (and in {@code --format jsonl}). */
    private static final int TABLE_DIFFERENCES = 20;

    private ReplayReportText() {
    }

    public static List<String> table(ReplayReport report, String stream) {
        List<String> out = new ArrayList<>();
        add(out, "replayed %,d message(s) of stream %s%s; nothing was sent", report.messages(), stream,
                report.from() == null ? "" : ", stored " + report.from() + " to " + report.to());
        add(out, "%-24s %12s %12s", "outcome", "current", "candidate");
        for (Outcome outcome : Outcome.values()) {
            long now = report.current().get(outcome);
            long then = report.candidate().get(outcome);
            if (now != 0 || then != 0) {
                add(out, "%-24s %,12d %,12d", outcome.label(), now, then);
            }
        }
        add(out, "%-24s %,12d %,12d", "coalesced flood pages", report.coalesced()[0], report.coalesced()[1]);
        long added = report.byRoute().values().stream().mapToLong(ReplayReport.Counts::added).sum();
        long removed = report.byRoute().values().stream().mapToLong(ReplayReport.Counts::removed).sum();
        long changed = report.byRoute().values().stream().mapToLong(ReplayReport.Counts::changed).sum();
        add(out, "pages: %,d added, %,d removed, %,d changed", added, removed, changed);
        audit(report.audit(), out);
        counts("by route", report.byRoute(), out);
        counts("by subject", report.bySubject(), out);
        if (!report.budgetPeak().isEmpty()) {
            add(out, "busiest minute per routing key (budget %d/min current, %d/min candidate)",
                    report.budgetPerMinute()[0], report.budgetPerMinute()[1]);
            report.budgetPeak().forEach((key, peak) -> add(out, "  %-40s %,8d %,8d%s", key, peak[0], peak[1],
                    peak[1] > report.budgetPerMinute()[1] ? "  over the candidate's budget" : ""));
        }
        List<ReplayReport.Difference> shown = report.differences().stream().limit(TABLE_DIFFERENCES).toList();
        if (!shown.isEmpty()) {
            out.add("first differences (every one: rules replay --format jsonl)");
            for (ReplayReport.Difference difference : shown) {
                add(out, "  %s  %-8s %s  current: %s  candidate: %s%s", difference.msgId(),
                        difference.kind().label(), difference.subject(), difference.current(),
                        difference.candidate(), difference.sent() == null ? "" : "  sent: " + difference.sent());
            }
        }
        return out;
    }

    private static void audit(ReplayReport.Audit audit, List<String> out) {
        if (!audit.read()) {
            out.add("what was really sent: no audit on this member to compare with");
        } else if (audit.sent() == 0) {
            add(out, "what was really sent: this member's audit has no page for these messages (only the member "
                    + "that was the sender has); the candidate would send %,d", audit.candidateUnsent());
        } else {
            add(out, "what was really sent (this member's audit): %,d page(s); the current rules send %,d of them "
                    + "again, the candidate %,d, and %,d the audit has no record of", audit.sent(), audit.current(),
                    audit.candidate(), audit.candidateUnsent());
        }
    }

    private static void counts(String title, Map<String, ReplayReport.Counts> counts, List<String> out) {
        if (counts.isEmpty()) {
            return;
        }
        out.add(title);
        counts.forEach((name, count) -> add(out, "  %-40s added %,d  removed %,d  changed %,d", name,
                count.added(), count.removed(), count.changed()));
    }

    private static void add(List<String> out, String format, Object... args) {
        out.add(String.format(Locale.ROOT, format, args).stripTrailing());
    }
}
