package dev.klaxon.guard;

import java.time.Instant;

/**
 * A silence as listed: with how many triggers it held back (as last saved) and whether its subjects were still
 * firing when it ended.
 */
public record SilenceRecord(Silence silence, long matched, boolean expiredWhileFiring) {

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
