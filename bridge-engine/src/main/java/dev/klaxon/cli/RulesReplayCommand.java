package dev.klaxon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.DurationText;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.KlaxonDirs;
import dev.klaxon.decision.Outcome;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.engine.AuditedPages;
import dev.klaxon.engine.ReplayReport;
import dev.klaxon.engine.ReplayReportText;
import dev.klaxon.engine.RulesReplay;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.nats.NatsConnectionCheck;
import dev.klaxon.team.SharedSilenceStore;
import dev.klaxon.team.StreamHistory;
import dev.klaxon.team.TeamSession;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code rules replay --since 24h --config NEW.yaml [--current CURRENT.yaml] [--format table|jsonl]}: the candidate
 * rules over the team's stream history, next to the current rules on the same messages. Reads the stream through an
 * ordered consumer of its own: never sends, never acknowledges the team's consumer, writes nothing.
 */
final class RulesReplayCommand {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_SINCE = Duration.ofHours(24);

    private final CliContext context;

    RulesReplayCommand(CliContext context) {
        this.context = context;
    }

    /** Each option is its text as given, or null when absent. */
    int run(String candidateFile, String currentFile, String sinceOption, String formatOption)
            throws UsageException, ConfigException {
        if (candidateFile == null) {
            throw new UsageException("rules replay needs --config NEW.yaml: the rules to try on history");
        }
        Duration since = since(sinceOption);
        String format = formatOption == null ? "table" : formatOption;
        if (!format.equals("table") && !format.equals("jsonl")) {
            throw new UsageException("--format must be table or jsonl, got \"" + format + "\"");
        }
        KlaxonConfig candidate = new ConfigSource(context).load(candidateFile);
        Path currentPath = currentFile != null ? Path.of(currentFile)
                : KlaxonDirs.of(context.home(), context.environment()).configFile();
        if (!Files.exists(currentPath)) {
            throw new UsageException("no current config at " + currentPath + "; name it with --current FILE");
        }
        KlaxonConfig current = new ConfigLoader(context.home()).load(currentPath);
        if (!current.nats().teamMode()) {
            throw new UsageException("rules replay reads the team's stream, and team mode is off in " + currentPath
                    + " (no nats.jetstream)");
        }
        NatsConnectionCheck connector = new NatsConnectionCheck(context.environment(), CONNECT_TIMEOUT,
                context.clock());
        try (Connection connection = connector.open(current.nats())) {
            List<Silence> silences = teamSilences(connection, current);
            Instant from = context.clock().instant().minus(since);
            RulesReplay replay = new RulesReplay(current, candidate, silences, context.environment(),
                    audited(current, from));
            new StreamHistory(connection, current.nats().jetstream()).read(from, replay::accept, () -> false);
            ReplayReport report = replay.report();
            if (format.equals("jsonl")) {
                printJsonLines(report, context.out());
            } else {
                ReplayReportText.table(report, current.nats().jetstream().stream()).forEach(context.out()::println);
            }
            return Main.OK;
        } catch (IOException e) {
            context.err().println("rules replay: " + e.getMessage());
            return Main.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
    }

    private static Duration since(String text) throws UsageException {
        if (text == null) {
            return DEFAULT_SINCE;
        }
        try {
            Duration since = DurationText.parse(text);
            if (since.isZero()) {
                throw new UsageException("--since must be longer than 0s, e.g. --since 24h");
            }
            return since;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--since: " + e.getMessage());
        }
    }

    /** What this member's audit recorded as paged; none when this member has no audit yet. */
    private AuditedPages audited(KlaxonConfig config, Instant from) {
        Path file = config.storage().dir().resolve("audit.db");
        if (!Files.isRegularFile(file)) {
            return AuditedPages.none();
        }
        try (AuditLog audit = AuditFile.open(config, context.clock())) {
            return AuditedPages.read(audit, from);
        }
    }

    /** The team's silences, ended ones too: each applies to the messages stored while it was in force. */
    private static List<Silence> teamSilences(Connection connection, KlaxonConfig config) throws IOException {
        try (SharedSilenceStore store = SharedSilenceStore.open(connection, config.nats().jetstream(),
                config.nats().subjects(), TeamSession.memberId())) {
            return store.all().stream().map(SilenceRecord::silence).toList();
        }
    }

    static void printJsonLines(ReplayReport report, PrintStream out) {
        ObjectMapper mapper = new ObjectMapper();
        for (ReplayReport.Difference difference : report.differences()) {
            ObjectNode line = mapper.createObjectNode().put("type", "difference")
                    .put("stream_seq", difference.sequence()).put("msg_id", difference.msgId())
                    .put("subject", difference.subject()).put("stored_at", difference.storedAt().toString())
                    .put("kind", difference.kind().label()).put("current", difference.current())
                    .put("candidate", difference.candidate());
            if (difference.sent() != null) {
                line.put("sent", difference.sent());
            }
            out.println(line);
        }
        ObjectNode summary = mapper.createObjectNode().put("type", "summary").put("messages", report.messages())
                .put("not_listed", report.truncated());
        ObjectNode current = summary.putObject("current");
        ObjectNode candidate = summary.putObject("candidate");
        for (Outcome outcome : Outcome.values()) {
            current.put(outcome.label(), report.current().get(outcome));
            candidate.put(outcome.label(), report.candidate().get(outcome));
        }
        current.put("coalesced", report.coalesced()[0]);
        candidate.put("coalesced", report.coalesced()[1]);
        if (report.audit().read()) {
            summary.putObject("audit").put("sent", report.audit().sent()).put("current", report.audit().current())
                    .put("candidate", report.audit().candidate())
                    .put("candidate_unsent", report.audit().candidateUnsent());
        }
        ObjectNode routes = summary.putObject("by_route");
        report.byRoute().forEach((route, counts) -> routes.putObject(route).put("added", counts.added())
                .put("removed", counts.removed()).put("changed", counts.changed()));
        out.println(summary);
    }
}
