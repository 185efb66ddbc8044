package dev.klaxon.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning for {@link AuditLog}. The defaults suit a bridge taking hundreds of thousands of messages a second.
 *
 * @param retention             rows older than this are pruned
 * @param flushInterval         how often aggregated per-minute counts and samples are written
 * @param pruneInterval         how often the background prune runs
 * @param maxSubjectsPerMinute  distinct subjects counted per minute before the rest share {@link #OTHER_SUBJECT}
 * @param samplesPerKey         samples kept per subject, outcome and minute
 * @param maxSamplesPerMinute   samples kept per minute over all subjects
 * @param sampleBodyChars       a sample body is cut to this many characters
 * @param queueCapacity         writes waiting for the writer thread; beyond it writes are refused and counted, so a
 *                              stuck disk can never make callers wait or exhaust memory
 */
public record AuditSettings(Duration retention, Duration flushInterval, Duration pruneInterval,
                            int maxSubjectsPerMinute, int samplesPerKey, int maxSamplesPerMinute, int sampleBodyChars,
                            int queueCapacity) {
    /**
     * Where counts go once a minute has seen {@code maxSubjectsPerMinute} distinct subjects. Parentheses are legal in
     * NATS subjects but unheard of, so it will not collide in practice; seeing it in the audit means the cap was hit.
     */
    public static final String OTHER_SUBJECT = "(other)";

    public AuditSettings {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(pruneInterval, "pruneInterval");
        if (retention.isNegative() || retention.isZero() || flushInterval.isNegative() || flushInterval.isZero()
                || pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
        if (maxSubjectsPerMinute < 1 || samplesPerKey < 0 || maxSamplesPerMinute < 0 || sampleBodyChars < 0
                || queueCapacity < 1) {
            throw new IllegalArgumentException("limits out of range");
        }
    }

    public static AuditSettings defaults() {
        return new AuditSettings(Duration.ofDays(90), Duration.ofSeconds(5), Duration.ofHours(1), 1_000, 5, 500,
                2_048, 100_000);
    }

    public AuditSettings withRetention(Duration value) {
        return new AuditSettings(value, flushInterval, pruneInterval, maxSubjectsPerMinute, samplesPerKey,
                maxSamplesPerMinute, sampleBodyChars, queueCapacity);
    }

    public AuditSettings withSampling(int perKey, int perMinute) {
        return new AuditSettings(retention, flushInterval, pruneInterval, maxSubjectsPerMinute, perKey, perMinute,
                sampleBodyChars, queueCapacity);
    }

    public AuditSettings withMaxSubjectsPerMinute(int value) {
        return new AuditSettings(retention, flushInterval, pruneInterval, value, samplesPerKey, maxSamplesPerMinute,
                sampleBodyChars, queueCapacity);
    }
}
