package dev.klaxon.pagerduty;

/** Which Events API v2 endpoint an event goes to. */
public enum EventKind {
    /** {@code trigger}, {@code acknowledge} or {@code resolve}: {@code POST …/v2/enqueue}. */
    ALERT,
    /** A change event (deploy notices; pages no one): {@code POST …/v2/change/enqueue}. */
    CHANGE
}
