package dev.klaxon.incidents;

/** Where the incident desk stands with PagerDuty; the console says each one in words. */
public enum DeskState {
    /** No REST API token in the config (or it cannot be read): the desk never calls PagerDuty. */
    NOT_CONFIGURED,
    /** Configured, first poll not answered yet. */
    STARTING,
    /** The last poll succeeded. */
    OK,
    /** The last poll failed; the incidents shown are from the last good poll. */
    FAILING,
    /** PagerDuty answered 429: nothing is sent until {@link DeskSnapshot#retryAt()}. */
    RATE_LIMITED
}
