package dev.klaxon.app.backend;

/**
 * What flood state holds under one subject at one moment: how many triggers, and the newest one's id. The console
 * shows {@code count} and releases exactly those (ids only grow), so the number a person confirms is the number
 * sent, even while more are held meanwhile.
 *
 * @param upToId the newest held id counted; 0 when nothing is held
 */
public record HeldBatch(String subject, int count, long upToId) {
    public static HeldBatch none(String subject) {
        return new HeldBatch(subject, 0, 0);
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
