package dev.klaxon.delivery;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.DeliveryAttempt;
import dev.klaxon.audit.DeliveryState;
import dev.klaxon.audit.ForwardedEvent;
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
        while (true) {
            List<EventRecord> due = outbox.auditDue(BATCH);
            if (due.isEmpty()) {
                break;
            }
            List<CompletableFuture<Boolean>> rows = new ArrayList<>();
            for (EventRecord event : due) {
                rows.add(audit.recordForwarded(forwarded(event, AttemptHistory.of(outbox, event.id()))));
            }
            List<Long> committed = new ArrayList<>();
            for (int i = 0; i < due.size(); i++) {
                if (rows.get(i).join()) {
                    committed.add(due.get(i).id());
                }
            }
            if (!committed.isEmpty()) {
                outbox.markAudited(committed).join();
                audited += committed.size();
            }
            if (committed.size() < due.size()) {
                break; // the audit refused some rows (a full disk): the next start tries them again
            }
        }
        if (audited > 0) {
            LOG.warning("audited " + audited + " delivery outcome(s) that the last run recorded in the outbox but"
                    + " did not live to audit (it stopped without a clean shutdown)");
        }
        return audited;
    }

    private static ForwardedEvent forwarded(EventRecord event, List<DeliveryAttempt> attempts) {
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
