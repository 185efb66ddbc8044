package dev.klaxon.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.RateLimit;
import java.time.Instant;

/** Something the guards did on their own, which the engine must send or record. */
public sealed interface GuardEvent permits GuardEvent.Coalesced, GuardEvent.FloodStarted, GuardEvent.FloodEnded {

    /**
     * One event standing for a flood's held alerts, to send like any page: same routing key as the rule that matched,
     * a stable dedup_key so PagerDuty updates one alert instead of opening many.
     *
     * @param body the Events v2 body, routing key masked
     */
    record Coalesced(String subject, int ruleIndex, String ruleLabel, String routingKeyRef, ObjectNode body, Instant at)
            implements GuardEvent {
    }

    record FloodStarted(String subject, Instant at, RateLimit threshold) implements GuardEvent {
    }

    /** @param held alerts held back over the whole flood */
    record FloodEnded(String subject, Instant at, long held) implements GuardEvent {
    }
}
