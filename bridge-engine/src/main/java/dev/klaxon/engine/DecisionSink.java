package dev.klaxon.engine;

import dev.klaxon.decision.Decision;
import dev.klaxon.message.InboundMessage;

/**
 * Something that takes every decision on the processing thread: live stats, the outbox. Must return
 * quickly and never block on disk or network (hand the work to its own thread).
 */
interface DecisionSink {
    /**
     * @param bucket the stats bucket when the subject must not be tracked by name, else null
     */
    void accept(InboundMessage message, Decision decision, String bucket);
}
