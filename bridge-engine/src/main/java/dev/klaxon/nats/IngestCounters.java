package dev.klaxon.nats;

/**
 * What the NATS side of the engine has seen. Nothing is lost silently: every message the client delivered is either
 * queued for processing or counted in {@code overflowed}; what the client itself dropped is {@code clientDropped}.
 *
 * @param received        messages handed to us by the jnats dispatcher
 * @param overflowed      messages refused because the engine's queue was full
 * @param slowConsumer    slow-consumer events reported by jnats
 * @param clientDropped   messages jnats dropped past its pending limits
 * @param queueDepth      messages waiting in the engine's queue now
 * @param queueCapacity   capacity of that queue
 */
public record IngestCounters(long received, long overflowed, long slowConsumer, long clientDropped, int queueDepth,
                             int queueCapacity) {
    public static final IngestCounters ZERO = new IngestCounters(0, 0, 0, 0, 0, 0);
}
