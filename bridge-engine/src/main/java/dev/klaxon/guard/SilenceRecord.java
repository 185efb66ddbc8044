package dev.klaxon.guard;

import java.time.Instant;

/**
 * A silence as listed: with how many triggers it held back (as last saved) and whether its subjects were still
 * firing when it ended.
 *
 * @param revision   the shared silence's revision, which a change must name (compare and set); 0 in core mode
 * @param lastChange who changed it last and from which member; null in core mode
 */
public record SilenceRecord(Silence silence, long matched, boolean expiredWhileFiring, long revision,
                            SilenceChange lastChange) {
    /** A silence of this laptop's own {@code silences.db}. */
    public SilenceRecord(Silence silence, long matched, boolean expiredWhileFiring) {
        this(silence, matched, expiredWhileFiring, SilenceStorage.ANY_REVISION, null);
    }

    SilenceRecord withMatched(long count) {
        return new SilenceRecord(silence, count, expiredWhileFiring, revision, lastChange);
    }

    public SilenceState state(Instant now) {
        if (now.isBefore(silence.startsAt())) {
            return SilenceState.PENDING;
        }
        return silence.activeAt(now) ? SilenceState.ACTIVE : SilenceState.EXPIRED;
    }

    /** Over without ever matching: probably a typo in its pattern or matchers, worth a look. */
    public boolean neverMatched(Instant now) {
        return state(now) == SilenceState.EXPIRED && matched == 0;
    }
}
