package dev.klaxon.message;

/** Settles one pulled message with JetStream. Implementations never throw: a lost ack means a redelivery. */
public interface StreamAck {
    /** Done: PagerDuty took every event it made, or it needed none. */
    void ack();

    /** Still working on it (sending, retrying): resets the server's redelivery timer. */
    void inProgress();

    /** Not done and not kept here: redeliver it after {@code delayMillis}. */
    void nak(long delayMillis);
}
