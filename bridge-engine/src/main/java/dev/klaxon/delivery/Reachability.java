package dev.klaxon.delivery;

/** Whether PagerDuty answered the last request: the console's "can we page at all" light. */
public enum Reachability {
    /** Nothing sent yet. */
    UNKNOWN,
    /** The last request got an answer from PagerDuty (accepted or refused). */
    REACHABLE,
    /** The last request failed without an answer, or with a server error or rate limit. */
    FAILING
}
