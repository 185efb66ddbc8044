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
 * @param onCallPeriod       between reads of who is on call ({@code GET /services} and {@code GET /oncalls}, with a
 *                           poll): rotations change hourly at most, and {@code /oncalls} has its own, tighter rate
 *                           limit, so reading it with every poll would spend the budget on nothing
 */
public record DeskTiming(Duration pollPeriod, Duration tick, int alertLookupsPerPoll, Duration onCallPeriod) {
    static final Duration DEFAULT_ON_CALL_PERIOD = Duration.ofMinutes(5);

    public DeskTiming(Duration pollPeriod, Duration tick, int alertLookupsPerPoll) {
        this(pollPeriod, tick, alertLookupsPerPoll, DEFAULT_ON_CALL_PERIOD);
    }

    public static DeskTiming defaults() {
        return new DeskTiming(Duration.ofSeconds(15), Duration.ofSeconds(1), 10, DEFAULT_ON_CALL_PERIOD);
    }
}
