package dev.klaxon.cli;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.audit.OperatorIdentity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.DurationText;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.guard.PayloadMatcher;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceBook;
import dev.klaxon.guard.SilenceRecord;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.guard.SilenceState;
import dev.klaxon.guard.SilenceStorage;
import dev.klaxon.guard.SilenceStore;
import dev.klaxon.guard.Silences;
import dev.klaxon.nats.NatsConnectionCheck;
import dev.klaxon.route.SubjectPattern;
import dev.klaxon.storage.StorageFiles;
import dev.klaxon.team.LocalSilences;
import dev.klaxon.team.SharedSilenceStore;
import dev.klaxon.team.TeamSession;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code silence add|list|expire|extend|share}. In core mode silences live in {@code storage.dir/silences.db}, which
 * a running engine re-reads every few seconds, so these work while the console or {@code run} is up. In team mode
 * they live in the team's KV bucket, which every member watches; {@code share} moves this laptop's own silences
 * there. Changes are audited.
 */
final class SilenceCommand {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private final CliContext context;

    SilenceCommand(CliContext context) {
        this.context = context;
    }

    /**
     * @param patterns the positional words; exactly one is right
     * @param matches  every {@code --match}, in the order given
     */
    int add(List<String> patterns, String forOption, String reason, List<String> matches, String configFile)
            throws UsageException, ConfigException {
        if (patterns.size() != 1) {
            throw new UsageException("silence add takes one subject pattern, e.g. silence add \"alerts.prod.db.>\" "
                    + "--for 1h --reason \"failover drill\"");
        }
        SubjectPattern pattern;
        try {
            pattern = SubjectPattern.compile(patterns.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException("pattern: " + e.getMessage());
        }
        Duration duration = duration(forOption, "silence add");
        if (reason == null || reason.isBlank()) {
            throw new UsageException("silence add needs --reason TEXT: the next person on call will want to know why");
        }
        List<PayloadMatcher> matchers = new ArrayList<>();
        for (String text : matches) {
            try {
                matchers.add(PayloadMatcher.parse(text));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--match " + text + ": " + e.getMessage());
            }
        }
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        SilenceRequest request = new SilenceRequest(pattern, matchers, null, duration, reason);
        String who = OperatorIdentity.of(config.pagerduty().fromEmail());
        try (SilenceAccess access = open(config)) {
            Silences silences = access.silences();
            Silence silence = silences.add(request, who);
            audit(config, OperatorAction.succeeded(context.clock().instant(), who, "silence.add", pattern.text()));
            context.out().println("added " + silence.label() + " until " + silence.endsAt());
        }
        return Main.OK;
    }

    int list(String formatOption, String configFile) throws UsageException, ConfigException {
        ListFormat format = ListFormat.parse(formatOption);
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        Instant now = context.clock().instant();
        try (SilenceAccess access = open(config)) {
            Silences silences = access.silences();
            List<SilenceRecord> records = silences.list();
            format.print(context.out(), records.stream().map(record -> json(record, now)).toList(), () -> {
                for (SilenceRecord record : records) {
                    context.out().println(line(record, now));
                }
                context.out().println(records.size() + " silence" + (records.size() == 1 ? "" : "s"));
            });
        }
        return Main.OK;
    }

    /** @param ids the positional words; exactly one is right */
    int expire(List<String> ids, String configFile) throws UsageException, ConfigException {
        long id = id(ids, "silence expire");
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        String who = OperatorIdentity.of(config.pagerduty().fromEmail());
        try (SilenceAccess access = open(config)) {
            Silences silences = access.silences();
            boolean done = silences.expire(id, SilenceStorage.ANY_REVISION, who);
            return report(config, who, "silence.expire", id, done, "expired silence #" + id);
        }
    }

    /** @param ids the positional words; exactly one is right */
    int extend(List<String> ids, String forOption, String configFile) throws UsageException, ConfigException {
        long id = id(ids, "silence extend");
        Duration more = duration(forOption, "silence extend");
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        String who = OperatorIdentity.of(config.pagerduty().fromEmail());
        try (SilenceAccess access = open(config)) {
            Silences silences = access.silences();
            Optional<SilenceRecord> found = silences.list().stream().filter(r -> r.silence().id() == id).findFirst();
            Instant newEnd = found.map(r -> r.silence().endsAt().plus(more)).orElse(null);
            boolean done = newEnd != null && silences.extend(id, newEnd, SilenceStorage.ANY_REVISION, who);
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

    private static ObjectNode json(SilenceRecord record, Instant now) {
        Silence silence = record.silence();
        ObjectNode row = ListFormat.MAPPER.createObjectNode().put("id", silence.id())
                .put("state", record.state(now).label()).put("pattern", silence.pattern().text());
        com.fasterxml.jackson.databind.node.ArrayNode matchers = row.putArray("matchers");
        silence.matchers().forEach(matcher -> matchers.add(matcher.toString()));
        row.put("starts_at", silence.startsAt().toString()).put("ends_at", silence.effectiveEnd().toString())
                .put("created_by", silence.createdBy()).put("reason", silence.reason())
                .put("created_at", silence.createdAt().toString()).put("matched", record.matched())
                .put("expired_while_firing", record.expiredWhileFiring());
        if (record.lastChange() != null) {
            row.put("last_change", record.lastChange().describe()).put("last_change_at",
                    record.lastChange().at().toString());
        }
        return row;
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
        if (record.lastChange() != null) {
            line.append("  (").append(record.lastChange().describe()).append(" at ").append(record.lastChange().at())
                    .append(')');
        }
        return line.toString();
    }

    int share(String configFile) throws UsageException, ConfigException {
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        if (!config.nats().teamMode()) {
            throw new UsageException("silence share moves silences into the team's; team mode is off in "
                    + config.source() + " (no nats.jetstream)");
        }
        String who = OperatorIdentity.of(config.pagerduty().fromEmail());
        try (SilenceStore local = localStore(config); SilenceAccess team = open(config)) {
            int moved = LocalSilences.moveInto(local, team.shared(), TeamSession.memberId(), who,
                    context.clock().instant());
            audit(config, OperatorAction.succeeded(context.clock().instant(), who, "silence.share",
                    moved + " silence(s) from silences.db"));
            context.out().println("moved " + moved + " silence" + (moved == 1 ? "" : "s")
                    + " from silences.db into the team's");
        }
        return Main.OK;
    }

    /** The silences this config means: the team's in team mode (over a NATS connection), else the file's. */
    private SilenceAccess open(KlaxonConfig config) {
        if (!config.nats().teamMode()) {
            return new SilenceAccess(new Silences(localStore(config), new SilenceBook(), context.clock()), null, null);
        }
        NatsConnectionCheck connector = new NatsConnectionCheck(context.environment(), CONNECT_TIMEOUT,
                context.clock());
        Connection connection = null;
        try {
            connection = connector.open(config.nats());
            SharedSilenceStore shared = SharedSilenceStore.open(connection, config.nats().jetstream(),
                    config.nats().subjects(), TeamSession.memberId());
            return new SilenceAccess(new Silences(shared, new SilenceBook(), context.clock()), shared, connection);
        } catch (IOException e) {
            closeQuietly(connection);
            throw new IllegalStateException("the team's silences cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(connection);
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
    }

    private SilenceStore localStore(KlaxonConfig config) {
        Path file = StorageFiles.ensureDirectory(config.storage().dir()).resolve("silences.db");
        // SQLite would take an empty or garbled file for a new database and write over the silences it held.
        StorageFiles.checkDatabase(file, "silences");
        SilenceStore store = SilenceStore.open(file);
        StorageFiles.restrictToOwner(file); // SQLite creates it with the umask, 0644 usually
        return store;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The silences a command works on, and the NATS connection (team mode) to close with them. */
    private record SilenceAccess(Silences silences, SharedSilenceStore shared, Connection connection)
            implements AutoCloseable {
        @Override
        public void close() {
            silences.close();
            closeQuietly(connection);
        }
    }

    private void audit(KlaxonConfig config, OperatorAction action) {
        try (AuditLog audit = AuditFile.open(config, context.clock())) {
            audit.recordAction(action);
        }
    }

    private static long id(List<String> ids, String command) throws UsageException {
        if (ids.size() != 1) {
            throw new UsageException(command + " takes one silence ID (see \"silence list\")");
        }
        String text = ids.get(0).replaceFirst("^#", "");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("\"" + ids.get(0) + "\" is not a silence ID (a number)");
        }
    }

    private static Duration duration(String text, String command) throws UsageException {
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
