package dev.klaxon.app.ui.audit;

import dev.klaxon.app.ui.common.Formats;
import dev.klaxon.app.ui.common.MessageFormatter;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.DeliveryAttempt;
import java.util.List;

/**
 * What each audit column and the detail pane say about a row. The three kinds share columns (rule or action,
 * dedup_key or target, ...), so the mapping lives here once, and export writes exactly what the table shows.
 */
final class AuditText {
    private final MessageFormatter formatter = new MessageFormatter();

    static String kind(AuditRow row) {
        return switch (row.kind()) {
            case FORWARDED -> "forwarded";
            case ACTION -> "action";
            case CONFIG -> "config";
        };
    }

    static String subject(AuditRow row) {
        return row.kind() == AuditKind.ACTION ? nz(row.actor()) : nz(row.subject());
    }

    static String ruleOrAction(AuditRow row) {
        return switch (row.kind()) {
            case FORWARDED -> join(row.rule(), row.eventAction());
            case ACTION -> nz(row.action());
            case CONFIG -> "config load";
        };
    }

    static String keyOrTarget(AuditRow row) {
        return row.kind() == AuditKind.FORWARDED ? nz(row.dedupKey()) : nz(row.target());
    }

    static String state(AuditRow row) {
        return nz(row.state());
    }

    /** For forwarded events the last HTTP status and PagerDuty's message; otherwise the message (errors). */
    static String statusAndMessage(AuditRow row) {
        String status = "";
        if (!row.attempts().isEmpty()) {
            Integer http = row.attempts().get(row.attempts().size() - 1).httpStatus();
            status = (http == null ? "no answer" : "HTTP " + http) + " ×" + row.attempts().size();
        }
        return join(status, row.message());
    }

    /** Whether the row records something that went wrong (shown with an icon, not only a colour). */
    static boolean problem(AuditRow row) {
        String state = row.state() == null ? "" : row.state().toLowerCase(java.util.Locale.ROOT);
        return state.equals("error") || state.equals("dead_letter") || state.equals("failed");
    }

    /** The full row as plain text for the detail pane: every field, attempts, and the body sent, pretty-printed. */
    String details(AuditRow row) {
        StringBuilder text = new StringBuilder();
        line(text, "kind", kind(row));
        line(text, row.kind() == AuditKind.FORWARDED ? "received" : "at", Formats.timestamp(row.at()));
        line(text, "recorded", Formats.timestamp(row.recordedAt()));
        switch (row.kind()) {
            case FORWARDED -> {
                line(text, "subject", row.subject());
                line(text, "rule", row.rule());
                line(text, "event_action", row.eventAction());
                line(text, "dedup_key", row.dedupKey());
                line(text, "state", row.state());
                line(text, "delivered", row.deliveredAt() == null ? null : Formats.timestamp(row.deliveredAt()));
                line(text, "pd dedup_key", row.pagerDutyDedupKey());
                line(text, "pd message", row.message());
                appendAttempts(text, row.attempts());
                text.append("\nbody sent (routing key masked)\n");
                if (row.body() == null || row.body().isEmpty()) {
                    text.append("(none recorded)");
                } else {
                    String pretty = formatter.prettyJson(row.body());
                    text.append(pretty != null ? pretty : row.body()); // not JSON, or too big to indent: as sent
                }
            }
            case ACTION -> {
                line(text, "who", row.actor());
                line(text, "action", row.action());
                line(text, "target", row.target());
                line(text, "result", row.state());
                line(text, "message", row.message());
            }
            case CONFIG -> {
                line(text, "file", row.target());
                line(text, "sha256", row.sha256());
                line(text, "result", row.state());
                line(text, "message", row.message());
            }
        }
        return text.toString();
    }

    private static void appendAttempts(StringBuilder text, List<DeliveryAttempt> attempts) {
        text.append("\nattempts (").append(attempts.size()).append(")\n");
        if (attempts.isEmpty()) {
            text.append("  none yet\n");
        }
        for (int i = 0; i < attempts.size(); i++) {
            DeliveryAttempt a = attempts.get(i);
            text.append(String.format(java.util.Locale.ROOT, "  %2d  %s  %-9s  %s%n", i + 1,
                    Formats.timestamp(a.at()), a.httpStatus() == null ? "no answer" : "HTTP " + a.httpStatus(),
                    a.message() == null ? "" : Formats.oneLine(a.message(), 300)));
        }
    }

    private static void line(StringBuilder text, String name, String value) {
        if (value != null && !value.isEmpty()) {
            text.append(String.format(java.util.Locale.ROOT, "%-13s %s%n", name, value));
        }
    }

    private static String join(String a, String b) {
        boolean hasA = a != null && !a.isEmpty();
        boolean hasB = b != null && !b.isEmpty();
        return hasA && hasB ? a + " · " + b : hasA ? a : hasB ? b : "";
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }
}
