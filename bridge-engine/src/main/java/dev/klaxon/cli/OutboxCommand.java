package dev.klaxon.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.audit.OperatorIdentity;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.Failures;
import dev.klaxon.outbox.EventRecord;
import dev.klaxon.outbox.Outbox;
import dev.klaxon.outbox.OutboxStats;
import dev.klaxon.outbox.StorageLock;
import dev.klaxon.storage.StorageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * {@code outbox status}, {@code outbox dead-letters} and {@code outbox resend ID...}. Reading is safe while an engine
 * runs (SQLite WAL); re-sending writes, so it is done only when no engine holds the storage directory. While the
 * console or {@code run} is up, dead letters are re-sent from the console, which goes through its engine.
 */
final class OutboxCommand {
    private static final int DEAD_LETTERS_SHOWN = 50;
    private static final int REASON_CHARS = 160;

    private final CliContext context;

    OutboxCommand(CliContext context) {
        this.context = context;
    }

    int status(String configFile) throws UsageException, ConfigException {
        Optional<Outbox> opened = openExisting(configFile);
        if (opened.isEmpty()) {
            return Main.OK;
        }
        try (Outbox outbox = opened.get()) {
            OutboxStats stats = outbox.stats(context.clock().instant());
            context.out().println("pending: " + stats.pending() + (stats.pending() == 0 ? ""
                    : " (oldest " + stats.oldestPendingAge().toSeconds() + " s)"));
            stats.pendingByRoutingKeyRef().forEach((ref, count) ->
                    context.out().println("  " + ref + ": " + count));
            context.out().println("dead letters: " + stats.deadLetters());
            context.out().println("delivered in the last minute: " + stats.deliveredLastMinute());
        }
        return Main.OK;
    }

    int deadLetters(String formatOption, String configFile) throws UsageException, ConfigException {
        ListFormat format = ListFormat.parse(formatOption);
        Optional<Outbox> opened = openExisting(configFile);
        if (opened.isEmpty()) {
            format.print(context.out(), List.of(), () -> { });
            return Main.OK;
        }
        try (Outbox outbox = opened.get()) {
            List<EventRecord> dead = outbox.deadLetters(DEAD_LETTERS_SHOWN);
            format.print(context.out(), dead.stream().map(OutboxCommand::json).toList(), () -> {
                for (EventRecord event : dead) {
                    context.out().println(event.id() + "  " + event.deadAt() + "  " + event.subject() + "  "
                            + event.eventAction() + "  " + (event.dedupKey() == null ? "-" : event.dedupKey())
                            + "  HTTP " + (event.lastStatus() == null ? "-" : event.lastStatus()) + "  "
                            + reason(event));
                }
                context.out().println(dead.size() + " dead letter" + (dead.size() == 1 ? "" : "s")
                        + (dead.isEmpty() ? "" : "; re-send with \"outbox resend ID...\""));
            });
        }
        return Main.OK;
    }

    /** Exit 1 if any id could not be re-sent; the others still are. */
    int resend(List<String> idTexts, String configFile) throws UsageException, ConfigException {
        if (idTexts.isEmpty()) {
            throw new UsageException("outbox resend needs at least one outbox event ID (see \"outbox dead-letters\")");
        }
        List<Long> ids = new ArrayList<>();
        for (String text : idTexts) {
            try {
                ids.add(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new UsageException("\"" + text + "\" is not an outbox event ID (a number)");
            }
        }
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        Path dir = StorageFiles.ensureDirectory(config.storage().dir());
        Optional<StorageLock> lock = StorageLock.tryAcquire(dir);
        if (lock.isEmpty()) {
            context.err().println("error: an engine (the console or \"run\") is using " + dir + "; re-send from the "
                    + "console's dead letters, or stop it and try again");
            return Main.FAILURE;
        }
        String who = OperatorIdentity.of(config.pagerduty().fromEmail());
        int code = Main.OK;
        try (StorageLock held = lock.get();
             Outbox outbox = Outbox.open(dir.resolve("outbox.db"), context.clock());
             AuditLog audit = AuditFile.open(config, context.clock())) {
            for (long id : ids) {
                String target = "outbox event " + id;
                try {
                    outbox.requeue(id).join();
                    audit.recordAction(OperatorAction.succeeded(context.clock().instant(), who, "outbox.resend",
                            target));
                    context.out().println(id + ": pending again; the next \"run\" or console start sends it");
                } catch (CompletionException e) {
                    String message = Failures.rootMessage(e);
                    audit.recordAction(OperatorAction.failed(context.clock().instant(), who, "outbox.resend", target,
                            message));
                    context.err().println(id + ": " + message);
                    code = Main.FAILURE;
                }
            }
        }
        return code;
    }

    /** The outbox, or empty (after saying so) when nothing was ever written there. */
    private Optional<Outbox> openExisting(String configFile) throws UsageException, ConfigException {
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        Path file = config.storage().dir().resolve("outbox.db");
        if (!Files.exists(file)) {
            context.out().println("no outbox yet at " + file + " (nothing was ever sent from this storage.dir)");
            return Optional.empty();
        }
        return Optional.of(Outbox.open(file, context.clock()));
    }

    private static ObjectNode json(EventRecord event) {
        ObjectNode row = ListFormat.MAPPER.createObjectNode().put("id", event.id())
                .put("dead_at", event.deadAt() == null ? null : event.deadAt().toString())
                .put("subject", event.subject()).put("rule", event.rule()).put("routing_key", event.routingKeyRef())
                .put("event_action", event.eventAction()).put("dedup_key", event.dedupKey())
                .put("attempts", event.attempts()).put("last_message", event.lastMessage());
        if (event.lastStatus() != null) {
            row.put("last_status", event.lastStatus());
        } else {
            row.putNull("last_status");
        }
        return row;
    }

    private static String reason(EventRecord event) {
        String reason = event.lastMessage() == null ? "" : event.lastMessage().replaceAll("\\p{Cntrl}", " ");
        return reason.length() <= REASON_CHARS ? reason : reason.substring(0, REASON_CHARS) + "…";
    }
}
