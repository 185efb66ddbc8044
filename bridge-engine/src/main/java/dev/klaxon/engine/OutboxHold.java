package dev.klaxon.engine;

/**
 * How much may wait in memory for the outbox to take it: events for PagerDuty accepted but not yet committed,
 * because a commit is under way or because storage refuses writes (a full disk) and Klaxon retries until it takes
 * them. Past either bound new events are lost, counted and said so, rather than growing the heap until it fails.
 *
 * @param events events waiting at most
 * @param bytes  bytes of event bodies waiting at most (bodies may be up to PagerDuty's 512 KB each)
 */
public record OutboxHold(int events, long bytes) {
    /** Ten thousand events (minutes of a serious incident after flood coalescing) or 64 MiB of bodies. */
    public static final OutboxHold DEFAULT = new OutboxHold(10_000, 64L * 1024 * 1024);

    public OutboxHold {
        if (events < 1 || bytes < 1) {
            throw new IllegalArgumentException("the outbox hold needs room for at least one event, got " + events
                    + " events and " + bytes + " bytes");
        }
    }
}
