package dev.klaxon.audit;

import dev.klaxon.decision.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * In-memory per (minute, subject, outcome) counters plus a bounded sample, for every message that was not
 * forwarded. {@link #count} runs for every message on the engine thread, so it does one or two hash lookups and
 * array increments and allocates nothing unless it keeps a sample; the sample body is decoded, cut and masked only in
 * {@link #drain}, off the hot path.
 *
 * <p>One lock guards everything: the hot path is a single thread, so the lock is uncontended except for the moment a
 * drain copies the counters out, and it keeps counts exact (no increment can land in a map already drained).
 *
 * <p>Memory is bounded: at most {@code maxSubjectsPerMinute + 1} cells per minute (the rest share
 * {@link AuditSettings#OTHER_SUBJECT}), and drains drop minutes older than the previous one.
 */
final class MinuteAggregator {
    private static final int OUTCOMES = Outcome.values().length;
    private static final long MINUTE_MILLIS = 60_000L;

    private final int maxSubjects;
    private final int samplesPerKey;
    private final int maxSamplesPerMinute;
    private final int sampleChars;

    private final Map<Long, Bucket> buckets = new HashMap<>();
    /** The bucket hit last, so the common case (same minute as the previous message) skips boxing the key. */
    private long lastMinute = Long.MIN_VALUE;
    private Bucket lastBucket;

    MinuteAggregator(AuditSettings settings) {
        this.maxSubjects = settings.maxSubjectsPerMinute();
        this.samplesPerKey = settings.samplesPerKey();
        this.maxSamplesPerMinute = settings.maxSamplesPerMinute();
        this.sampleChars = settings.sampleBodyChars();
    }

    /** @param body a String or byte[] (UTF-8); kept by reference and decoded only if drained as a sample */
    synchronized void count(String subject, Outcome outcome, String reason, Instant at, Object body) {
        Cell cell = add(subject, outcome, 1, at);
        offerSample(cell, outcome, reason, at, body);
    }

    /** Adds {@code n} to a subject's count for the minute of {@code at}, without a sample. */
    synchronized Cell add(String subject, Outcome outcome, long n, Instant at) {
        Cell cell = cellFor(subject, minuteOf(at));
        cell.pending[outcome.ordinal()] += n;
        return cell;
    }

    /** Keeps one message as a sample if the per-key and per-minute caps allow; counts nothing. */
    synchronized void sample(String subject, Outcome outcome, String reason, Instant at, Object body) {
        offerSample(cellFor(subject, minuteOf(at)), outcome, reason, at, body);
    }

    private void offerSample(Cell cell, Outcome outcome, String reason, Instant at, Object body) {
        long minute = minuteOf(at);
        Bucket bucket = minute == lastMinute ? lastBucket : bucketFor(minute);
        int index = outcome.ordinal();
        if (cell.sampled[index] < samplesPerKey && bucket.sampled < maxSamplesPerMinute) {
            cell.sampled[index]++;
            bucket.sampled++;
            bucket.samples.add(new PendingSample(minute, at, cell.subject, outcome, reason, body));
        }
    }

    private Cell cellFor(String subject, long minute) {
        Bucket bucket = minute == lastMinute ? lastBucket : bucketFor(minute);
        Cell cell = bucket.cells.get(subject);
        if (cell == null) {
            if (bucket.cells.size() >= maxSubjects) {
                subject = AuditSettings.OTHER_SUBJECT;
                cell = bucket.cells.get(subject);
            }
            if (cell == null) {
                cell = new Cell(subject);
                bucket.cells.put(subject, cell);
            }
        }
        return cell;
    }

    private static long minuteOf(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), MINUTE_MILLIS) * MINUTE_MILLIS;
    }

    private Bucket bucketFor(long minute) {
        Bucket bucket = buckets.computeIfAbsent(minute, m -> new Bucket());
        lastMinute = minute;
        lastBucket = bucket;
        return bucket;
    }

    /**
     * Takes every count and sample gathered since the last drain. Sample tallies of the current and previous minute
     * are kept so the per-minute caps hold across drains; older minutes are forgotten.
     */
    Drained drain(Instant now) {
        long currentMinute = Math.floorDiv(now.toEpochMilli(), MINUTE_MILLIS) * MINUTE_MILLIS;
        List<MinuteCount> counts = new ArrayList<>();
        List<PendingSample> taken = new ArrayList<>();
        Outcome[] outcomes = Outcome.values();
        synchronized (this) {
            Iterator<Map.Entry<Long, Bucket>> it = buckets.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Bucket> entry = it.next();
                long minute = entry.getKey();
                Bucket bucket = entry.getValue();
                for (Cell cell : bucket.cells.values()) {
                    for (int i = 0; i < OUTCOMES; i++) {
                        if (cell.pending[i] != 0) {
                            counts.add(new MinuteCount(minute, cell.subject, outcomes[i], cell.pending[i]));
                            cell.pending[i] = 0;
                        }
                    }
                }
                taken.addAll(bucket.samples);
                bucket.samples.clear();
                if (minute < currentMinute - MINUTE_MILLIS) {
                    it.remove();
                    if (minute == lastMinute) {
                        lastMinute = Long.MIN_VALUE;
                        lastBucket = null;
                    }
                }
            }
        }
        List<Sample> samples = new ArrayList<>(taken.size());
        for (PendingSample p : taken) {
            samples.add(new Sample(p.minute, p.at, p.subject, p.outcome, p.reason, sampleText(p.body)));
        }
        return new Drained(counts, samples);
    }

    private String sampleText(Object body) {
        String text;
        if (body == null) {
            return null;
        } else if (body instanceof byte[] bytes) {
            // Decode no more than needed: a UTF-8 char is at most 4 bytes.
            int length = (int) Math.min(bytes.length, (long) sampleChars * 4);
            text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        } else {
            text = body.toString();
        }
        if (text.length() > sampleChars) {
            text = text.substring(0, sampleChars) + "…[cut]";
        }
        return SecretMask.mask(text);
    }

    record MinuteCount(long minute, String subject, Outcome outcome, long count) {
    }

    record Sample(long minute, Instant at, String subject, Outcome outcome, String reason, String body) {
    }

    record Drained(List<MinuteCount> counts, List<Sample> samples) {
        boolean isEmpty() {
            return counts.isEmpty() && samples.isEmpty();
        }
    }

    private record PendingSample(long minute, Instant at, String subject, Outcome outcome, String reason,
                                 Object body) {
    }

    private static final class Bucket {
        final Map<String, Cell> cells = new HashMap<>();
        final List<PendingSample> samples = new ArrayList<>();
        int sampled;
    }

    private static final class Cell {
        final String subject;
        final long[] pending = new long[OUTCOMES];
        final int[] sampled = new int[OUTCOMES];

        Cell(String subject) {
            this.subject = subject;
        }
    }
}
