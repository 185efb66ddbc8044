package dev.klaxon.delivery;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.DeliveryAttempt;
import dev.klaxon.audit.DeliveryState;
import dev.klaxon.audit.ForwardedEvent;
import dev.klaxon.outbox.AttemptRecord;
import dev.klaxon.outbox.EventRecord;
import dev.klaxon.outbox.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * At start, audits the final outcomes the outbox recorded but the audit never committed: the audit's batch writer
 * runs after the outbox, so a {@code kill -9} between the two left a page PagerDuty has, and the outbox calls
 * delivered, that no audit row names (2–4 per 50 kills in the crash suite). A row written here is the row the dead
 * process would have written; an event is marked audited only once its row is committed.
 */
public final class AuditCatchUp {
    private static final Logger LOG = Logger.getLogger(AuditCatchUp.class.getName());
    private static final int BATCH = 500;

    private AuditCatchUp() {
    }

    /** @return how many rows were audited now */
    public static int run(Outbox outbox, AuditLog audit) {
        int audited = 0;
        long lastId = -1;
        while (true) {
            List<EventRecord> due = outbox.auditDue(BATCH);
            if (due.isEmpty() || due.get(due.size() - 1).id() == lastId) {
                break; // nothing left, or the audit refuses: the next start tries again
            }
            lastId = due.get(due.size() - 1).id();
            List<Long> committed = new ArrayList<>();
            List<CompletableFuture<Void>> rows = new ArrayList<>();
            for (EventRecord event : due) {
                rows.add(audit.recordForwarded(forwarded(event, outbox.attempts(event.id())))
                        .thenAccept(ok -> {
                            if (ok) {
                                synchronized (committed) {
                                    committed.add(event.id());
                                }
                            }
                        }));
            }
            CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new)).join();
            if (committed.isEmpty()) {
                break;
            }
            outbox.markAudited(committed).join();
            audited += committed.size();
            if (committed.size() < due.size()) {
                break;
            }
        }
        if (audited > 0) {
            LOG.warning("audited " + audited + " delivery outcome(s) that the last run recorded in the outbox but"
                    + " did not live to audit (it stopped without a clean shutdown)");
        }
        return audited;
    }

    private static ForwardedEvent forwarded(EventRecord event, List<AttemptRecord> attemptRecords) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        for (AttemptRecord attempt : attemptRecords) {
            attempts.add(new DeliveryAttempt(attempt.at(), attempt.httpStatus(), attempt.message()));
        }
        DeliveryState state = switch (event.state()) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case DEAD_LETTER -> DeliveryState.DEAD_LETTER;
            case SUPERSEDED -> DeliveryState.SUPERSEDED;
            case PENDING -> throw new IllegalArgumentException("a pending event has no final outcome to audit");
        };
        String message = state == DeliveryState.DELIVERED ? event.pdMessage() : event.lastMessage();
        return new ForwardedEvent(event.receivedAt(), event.subject(), event.rule(), event.dedupKey(),
                event.eventAction(), event.bodyJson(), attempts, state, event.deliveredAt(), event.pdDedupKey(),
                message);
    }
}
