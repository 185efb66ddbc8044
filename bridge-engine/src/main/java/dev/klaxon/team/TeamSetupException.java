package dev.klaxon.team;

/** Why team mode cannot run as configured; {@link #kind()} decides which degraded mode follows. */
public final class TeamSetupException extends Exception {
    /** What went wrong, by what it means for paging. */
    public enum Kind {
        /** The server has no JetStream: core NATS. */
        NO_JETSTREAM,
        /** The stream (or consumer) is missing and may not be created: view only. */
        FORBIDDEN,
        /** The stream or consumer exists but differs from what team mode needs: view only, never changed. */
        MISMATCH,
        /** JetStream did not answer in time (no leader, a partition): try again. */
        UNREACHABLE
    }

    private final Kind kind;

    TeamSetupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
