package dev.klaxon.incidents;

import java.time.Duration;

/**
 * How often the desk looks at PagerDuty.
 *
 * @param pollPeriod         between polls while all is well
 * @param tick               how often the desk's thread checks whether a poll is due; polls follow the clock, so
 *                           tests move a clock instead of waiting
 * @param alertLookupsPerPoll at most this many {@code GET /incidents/{id}/alerts} per poll, for incidents not looked
 *                           up yet: the dedup_key map fills in over a few polls rather than in one burst
 */
public record DeskTiming(Duration pollPeriod, Duration tick, int alertLookupsPerPoll) {
    public static DeskTiming defaults() {
        return new DeskTiming(Duration.ofSeconds(15), Duration.ofSeconds(1), 10);
    }
}
