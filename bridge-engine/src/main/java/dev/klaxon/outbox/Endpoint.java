package dev.klaxon.outbox;

/** Which Events API v2 endpoint an outbox event goes to: {@code /v2/enqueue} or {@code /v2/change/enqueue}. */
public enum Endpoint {
    ALERT,
    CHANGE
}
