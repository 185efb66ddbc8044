package dev.klaxon.guard;

import java.time.Instant;

/** What the replay memory says about a verified signature. */
public sealed interface ReplayCheck {
    /** First time seen: remembered now. */
    record Fresh() implements ReplayCheck {
    }

    /** Seen before, inside the window: a replay. */
    record Replayed(Instant firstAcceptedAt) implements ReplayCheck {
    }

    /** The memory is at its cap: refused rather than accepted unremembered (which would let a replay through). */
    record Full(int capacity) implements ReplayCheck {
    }

    /** Why a message with this verdict is refused, or null when it may go on. */
    default String problem() {
        if (this instanceof Replayed replayed) {
            return "rejected: replayed signature (first accepted " + replayed.firstAcceptedAt() + ")";
        }
        if (this instanceof Full full) {
            return "rejected: replay memory full (" + full.capacity() + " signatures accepted in the last "
                    + AcceptedSignatures.RETENTION.toMinutes() + " min); signed messages are refused until the "
                    + "oldest expire";
        }
        return null;
    }
}
