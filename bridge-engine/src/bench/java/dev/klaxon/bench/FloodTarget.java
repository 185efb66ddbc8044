package dev.klaxon.bench;

/**
 * A consumer under test. The flood driver sees both kinds through this one interface, polled the same way, so
 * neither gets a cheaper measurement than the other.
 */
interface FloodTarget extends AutoCloseable {

    /** Counts as seen now; may be a consistent snapshot or plain counter reads. */
    Progress progress();

    /** Name in the report ("bare" or "engine"). */
    String mode();

    @Override
    void close();

    /**
     * @param received  messages the consumer's dispatcher got
     * @param processed messages fully handled (bare: counted; engine: a decision taken)
     * @param lost      messages that will never be processed: engine queue overflow plus client-side drops
     * @param slowConsumerEvents slow-consumer notices from the client (a sign the numbers are not trustworthy)
     */
    record Progress(long received, long processed, long lost, long slowConsumerEvents) { }
}
