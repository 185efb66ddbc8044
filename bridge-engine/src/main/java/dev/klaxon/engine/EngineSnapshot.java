package dev.klaxon.engine;

import dev.klaxon.decision.Outcome;
import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.nats.IngestCounters;
import dev.klaxon.stats.HistoryRates;
import dev.klaxon.stats.SeverityTotals;
import dev.klaxon.stats.SubjectSnapshot;
import dev.klaxon.storage.StorageStatus;
import dev.klaxon.team.TeamStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the console or the command line shows about the running engine, taken at one moment.
 *
 * @param totals        count per outcome over all subjects
 * @param lastReasons   the most recent reason per outcome (for one-line-per-second logging)
 * @param subjects      per-subject numbers, busiest first is not guaranteed: callers sort
 * @param trackedSubjects number of distinct subjects tracked individually (the rest share the "other" bucket)
 * @param delivery      outbox, budgets and PagerDuty reachability; null before the engine started
 * @param outboxFailures events for PagerDuty that storage could not take and that are lost (the same number as
 *                      {@code storage.lost()}), so shown
 * @param severities    count per severity over all subjects, for the console's rate by severity
 * @param storage       whether storage takes writes ("storage full" and since when, the OS reason), how many
 *                      events wait in memory for it and how many were lost: the console's storage banner
 * @param team          team mode: who sends, the members, the consumer and the stream; core mode says so
 * @param history       the part of the counts that is history read back at a late join, by stored time
 * @param lastReload    what the last config reload did; null when there was none
 */
public record EngineSnapshot(Instant at, ConnectionStatus connection, IngestCounters ingest,
                             Map<Outcome, Long> totals, Map<Outcome, String> lastReasons,
                             List<SubjectSnapshot> subjects, int trackedSubjects, DeliveryStatus delivery,
                             long outboxFailures, SeverityTotals severities, StorageStatus storage,
                             TeamStatus team, HistoryRates history, ReloadResult lastReload) {
    public EngineSnapshot {
        storage = storage == null ? StorageStatus.ok(OutboxHold.DEFAULT.events()) : storage;
        team = team == null ? TeamStatus.core(at) : team;
        history = history == null ? HistoryRates.NONE : history;
    }

    /** A snapshot of a core-mode engine. */
    public EngineSnapshot(Instant at, ConnectionStatus connection, IngestCounters ingest,
                          Map<Outcome, Long> totals, Map<Outcome, String> lastReasons,
                          List<SubjectSnapshot> subjects, int trackedSubjects, DeliveryStatus delivery,
                          long outboxFailures, SeverityTotals severities, StorageStatus storage) {
        this(at, connection, ingest, totals, lastReasons, subjects, trackedSubjects, delivery, outboxFailures,
                severities, storage, null, null, null);
    }

    /** A snapshot from before storage was reported: storage taken as fine. Kept for existing callers. */
    public EngineSnapshot(Instant at, ConnectionStatus connection, IngestCounters ingest,
                          Map<Outcome, Long> totals, Map<Outcome, String> lastReasons,
                          List<SubjectSnapshot> subjects, int trackedSubjects, DeliveryStatus delivery,
                          long outboxFailures, SeverityTotals severities) {
        this(at, connection, ingest, totals, lastReasons, subjects, trackedSubjects, delivery, outboxFailures,
                severities, null);
    }

    public long total(Outcome outcome) {
        return totals.getOrDefault(outcome, 0L);
    }

    public long processed() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }
}
