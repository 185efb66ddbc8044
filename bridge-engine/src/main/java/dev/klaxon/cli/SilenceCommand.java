package dev.klaxon.cli;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.audit.OperatorIdentity;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.DurationText;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.guard.PayloadMatcher;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceBook;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.guard.SilenceState;
import dev.klaxon.guard.SilenceStore;
import dev.klaxon.guard.Silences;
import dev.klaxon.route.SubjectPattern;
import dev.klaxon.storage.StorageFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code silence add|list|expire|extend}. Silences live in {@code storage.dir/silences.db}, which a running engine
 * re-reads every few seconds, so these work while the console or {@code run} is up. Changes are audited.
 */
final class SilenceCommand {
    private final CliContext context;

    SilenceCommand(CliContext context) {
        this.context = context;
    }

    int run(List<String> args) throws UsageException, ConfigException {
        if (args.isEmpty()) {
            throw new UsageException("expected \"silence add|list|expire|extend\"");
        }
        Arguments arguments = Arguments.parse(args.subList(1, args.size()), Set.of("config", "for", "reason"),
                Set.of("match"));
        return switch (args.get(0)) {
            case "add" -> add(arguments);
            case "list" -> list(arguments);
            case "expire" -> expire(arguments);
            case "extend" -> extend(arguments);
            default -> throw new UsageException("unknown silence command \"" + args.get(0) + "\"");
        };
    }

    private int add(Arguments arguments) throws UsageException, ConfigException {
        if (arguments.positional().size() != 1) {
            throw new UsageException("silence add takes one subject pattern, e.g. silence add \"alerts.prod.db.>\" "
                    + "--for 1h --reason \"failover drill\"");
        }
        SubjectPattern pattern;
        try {
            pattern = SubjectPattern.compile(arguments.positional().get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException("pattern: " + e.getMessage());
        }
        Duration duration = duration(arguments, "silence add");
        String reason = arguments.option("reason");
        if (reason == null || reason.isBlank()) {
            throw new UsageException("silence add needs --reason TEXT: the next person on call will want to know why");
        }
        List<PayloadMatcher> matchers = new ArrayList<>();
        for (String text : arguments.all("match")) {
            try {
                matchers.add(PayloadMatcher.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--match " + text + ": " + e.getMessage());
            }
        }
        KlaxonConfig config = new ConfigSource(context.home()).load(arguments);
        SilenceRequest request = new SilenceRequest(pattern, matchers, null, duration, reason);
        String who = OperatorIdentity.of(config.pagerduty().fromEmail());
        try (Silences silences = open(config)) {
            Silence silence = silences.add(request, who);
            audit(config, OperatorAction.succeeded(context.clock().instant(), who, "silence.add", pattern.text()));
            context.out().println("added " + silence.label() + " until " + silence.endsAt());
        }
        return Main.OK;
    }

    private int list(Arguments arguments) throws UsageException, ConfigException {
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("unexpected argument \"" + arguments.positional().get(0) + "\"");
        }
        KlaxonConfig config = new ConfigSource(context.home()).load(arguments);
        Instant now = context.clock().instant();
        try (Silences silences = open(config)) {
            List<SilenceRecord> records = silences.list();
            for (SilenceRecord record : records) {
                context.out().println(line(record, now));
            }
            context.out().println(records.size() + " silence" + (records.size() == 1 ? "" : "s"));
        }
        return Main.OK;
    }

    private int expire(Arguments arguments) throws UsageException, ConfigException {
        long id = id(arguments, "silence expire");
        KlaxonConfig config = new ConfigSource(context.home()).load(arguments);
        String who = OperatorIdentity.of(config.pagerduty().fromEmail());
        try (Silences silences = open(config)) {
            boolean done = silences.expire(id);
            return report(config, who, "silence.expire", id, done, "expired silence #" + id);
        }
    }

    private int extend(Arguments arguments) throws UsageException, ConfigException {
        long id = id(arguments, "silence extend");
        Duration more = duration(arguments, "silence extend");
        KlaxonConfig config = new ConfigSource(context.home()).load(arguments);
        String who = OperatorIdentity.of(config.pagerduty().fromEmail());
        try (Silences silences = open(config)) {
            Optional<SilenceRecord> found = silences.list().stream().filter(r -> r.silence().id() == id).findFirst();
            Instant newEnd = found.map(r -> r.silence().endsAt().plus(more)).orElse(null);
            boolean done = newEnd != null && silences.extend(id, newEnd);
            return report(config, who, "silence.extend", id, done, "silence #" + id + " now ends " + newEnd);
        }
    }

    private int report(KlaxonConfig config, String who, String what, long id, boolean done, String success) {
        Instant now = context.clock().instant();
        if (done) {
            audit(config, OperatorAction.succeeded(now, who, what, "silence #" + id));
            context.out().println(success);
            return Main.OK;
        }
        String problem = "silence #" + id + " does not exist or has already ended";
        audit(config, OperatorAction.failed(now, who, what, "silence #" + id, problem));
        context.err().println("error: " + problem);
        return Main.FAILURE;
    }

    private static String line(SilenceRecord record, Instant now) {
        Silence silence = record.silence();
        SilenceState state = record.state(now);
        String when = switch (state) {
            case PENDING -> "starts " + silence.startsAt();
            case ACTIVE -> Duration.between(now, silence.effectiveEnd()).toMinutes() + " min left";
            case EXPIRED -> "ended " + silence.effectiveEnd();
        };
        StringBuilder line = new StringBuilder().append('#').append(silence.id()).append("  ").append(state.label())
                .append("  ").append(silence.label().substring(silence.label().indexOf('"'))).append("  ").append(when)
                .append("  matched ").append(record.matched()).append("  by ").append(silence.createdBy());
        if (!silence.reason().isBlank()) {
            line.append("  \"").append(silence.reason().replaceAll("\\p{Cntrl}", " ")).append('"');
        }
        if (record.neverMatched(now)) {
            line.append("  [never matched: check its pattern]");
        }
        if (record.expiredWhileFiring()) {
            line.append("  [ended while its subjects were still firing]");
        }
        return line.toString();
    }

    private Silences open(KlaxonConfig config) {
        Path file = StorageFiles.ensureDirectory(config.storage().dir()).resolve("silences.db");
        // SQLite would take an empty or garbled file for a new database and write over the silences it held.
        StorageFiles.checkDatabase(file, "silences");
        return new Silences(SilenceStore.open(file), new SilenceBook(), context.clock());
    }

    private void audit(KlaxonConfig config, OperatorAction action) {
        try (AuditLog audit = AuditLog.open(config.storage().dir().resolve("audit.db"), context.clock())) {
            audit.recordAction(action);
        }
    }

    private static long id(Arguments arguments, String command) throws UsageException {
        if (arguments.positional().size() != 1) {
            throw new UsageException(command + " takes one silence ID (see \"silence list\")");
        }
        String text = arguments.positional().get(0).replaceFirst("^#", "");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("\"" + arguments.positional().get(0) + "\" is not a silence ID (a number)");
        }
    }

    private static Duration duration(Arguments arguments, String command) throws UsageException {
        String text = arguments.option("for");
        if (text == null) {
            throw new UsageException(command + " needs --for DURATION, e.g. --for 1h");
        }
        Duration duration;
        try {
            duration = DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--for: " + e.getMessage());
        }
        if (duration.isZero()) {
            throw new UsageException("--for must be longer than 0s, e.g. --for 1h");
        }
        return duration;
    }
}
