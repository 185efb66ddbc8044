package dev.klaxon.stats;

import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.message.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One subject's counters, rates and bounded tail. Written by the engine's processing thread, read by snapshot
 * callers; the monitor is uncontended almost always, so plain synchronization is cheaper than anything clever.
 *
 * <p>Public only as the handle {@link LiveStats#slot} gives out; everything it does is for {@link LiveStats}.
 */
public final class SubjectStats {
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final String subject;
    private final StatsLimits limits;
    private final long[] byOutcome = new long[OUTCOMES.length];
    private final RateWindow rate = new RateWindow();
    private final Recent[] tail;
    private long total;
    private int tailNext;
    private int tailSize;
    private Instant lastSeen;
    // The preview of the last message, made once per new message rather than on every snapshot.
    private Recent previewOf;
    private String preview = "";
    private List<RuleHit> lastHits;
    private List<TailEntry.Route> lastRoutes;

    /** A recent message as stored: the body bytes are referenced, decoded to text only when someone looks. */
    private record Recent(Instant at, String subject, byte[] body, int bodyBytes, Map<String, List<String>> headers,
                          Outcome outcome, String reason, List<TailEntry.Route> routes, String msgId,
                          long streamSequence) { }

    SubjectStats(String subject, StatsLimits limits) {
        this.subject = subject;
        this.limits = limits;
        this.tail = new Recent[limits.tailLength()];
    }

    /** The subject (or bucket) counted here. */
    String subject() {
        return subject;
    }

    synchronized void record(InboundMessage message, Decision decision) {
        Instant at = message.receivedAt();
        total++;
        byOutcome[decision.outcome().ordinal()]++;
        rate.add(at.getEpochSecond());
        lastSeen = at;
        byte[] body = message.body() == null ? new byte[0] : message.body();
        byte[] kept = body.length <= limits.tailBodyBytes() ? body : Arrays.copyOf(body, limits.tailBodyBytes());
        tail[tailNext] = new Recent(at, message.subject(), kept, body.length, message.headers(), decision.outcome(),
                decision.reason(), routesOf(decision.hits()), message.msgId(),
                message.position() == null ? 0 : message.position().sequence());
        if (++tailNext == tail.length) {
            tailNext = 0;
        }
        tailSize = Math.min(tailSize + 1, tail.length);
    }

    /**
     * The tail's view of the routes. A rule that renders no event hits with the same {@link RuleHit} every time, so a
     * message decided by the same such rules as the one before shares its routes instead of building them again.
     */
    private List<TailEntry.Route> routesOf(List<RuleHit> hits) {
        if (!sameFixedHits(hits, lastHits)) {
            lastHits = hits;
            lastRoutes = TailEntry.Route.of(hits);
        }
        return lastRoutes;
    }

    private static boolean sameFixedHits(List<RuleHit> hits, List<RuleHit> before) {
        if (before == null || hits.size() != before.size()) {
            return false;
        }
        for (int i = 0; i < hits.size(); i++) {
            RuleHit hit = hits.get(i);
            if (hit != before.get(i) || hit.eventBody() != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same stream message decided again (watched before, pulled now): its count moves from {@code before} to the
     * new outcome and its tail entry shows the new decision; totals and rates stay as they were.
     */
    synchronized void recount(InboundMessage message, Decision decision, Outcome before) {
        byOutcome[before.ordinal()]--;
        byOutcome[decision.outcome().ordinal()]++;
        long sequence = message.position().sequence();
        for (int i = 0; i < tailSize; i++) {
            Recent old = tail[i];
            if (old != null && old.streamSequence() == sequence) {
                tail[i] = new Recent(old.at(), old.subject(), old.body(), old.bodyBytes(), old.headers(),
                        decision.outcome(), decision.reason(), TailEntry.Route.of(decision.hits()), old.msgId(),
                        sequence);
                return;
            }
        }
    }

    synchronized SubjectSnapshot snapshot(Instant now) {
        EnumMap<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : OUTCOMES) {
            counts.put(outcome, byOutcome[outcome.ordinal()]);
        }
        long nowSecond = now.getEpochSecond();
        Recent last = tailSize == 0 ? null : tail[Math.floorMod(tailNext - 1, tail.length)];
        if (last != null && last != previewOf) {
            preview = preview(last.body());
            previewOf = last;
        }
        return new SubjectSnapshot(subject, total, Collections.unmodifiableMap(counts), rate.lastSecond(nowSecond),
                rate.perSecondOverMinute(nowSecond), lastSeen, preview);
    }

    /** Oldest first. */
    synchronized List<TailEntry> tail() {
        List<TailEntry> entries = new ArrayList<>(tailSize);
        for (int i = 0; i < tailSize; i++) {
            Recent r = tail[Math.floorMod(tailNext - tailSize + i, tail.length)];
            entries.add(new TailEntry(r.at(), r.subject(), new String(r.body(), StandardCharsets.UTF_8), r.bodyBytes(),
                    r.body().length < r.bodyBytes(), r.headers(), r.outcome(), r.reason(), r.routes(), r.msgId(),
                    r.streamSequence()));
        }
        return entries;
    }

    private String preview(byte[] body) {
        int max = limits.previewChars();
        // A char takes at most 4 bytes in UTF-8: decoding more than that can only be thrown away.
        String text = new String(body, 0, Math.min(body.length, max * 4), StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder(Math.min(text.length(), max + 1));
        boolean lastWasSpace = false;
        for (int i = 0; i < text.length() && line.length() < max; i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isISOControl(c);
            if (space) {
                if (!lastWasSpace && line.length() > 0) {
                    line.append(' ');
                }
            } else {
                line.append(c);
            }
            lastWasSpace = space;
        }
        if (text.length() > line.length() && line.length() >= max) {
            line.setLength(max - 1);
            line.append('…');
        }
        return line.toString().strip();
    }
}
