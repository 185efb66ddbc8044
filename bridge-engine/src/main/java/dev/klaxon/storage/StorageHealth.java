package dev.klaxon.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Whether one storage file takes writes, told by the results of its writes. Every writer reports each commit
 * ({@link #succeeded}) or storage failure ({@link #failed}); a success after failures means space came back.
 *
 * <p>It is also what keeps the log readable when a disk fills: the first failure is logged once, loudly, in one
 * line with the OS reason; after that at most one failure line per {@link #REMIND_EVERY}, with how many writes
 * failed meanwhile; the recovery is logged once. A disk at the edge of full flaps (a small write fits, the next does
 * not): a recovery that lasts less than {@link #STEADY} after the last failure is not announced, so the log never
 * says "writable again" over a disk that is still full. A full disk used to print a stack trace per failed write
 * (about 5 MB a minute), burying the one line that mattered. The engine's snapshot is the current truth.
 */
public final class StorageHealth {
    static final Duration REMIND_EVERY = Duration.ofMinutes(1);
    /** A failing stretch shorter than this is a flap, not an outage that ended. */
    static final Duration STEADY = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(StorageHealth.class.getName());

    /** What {@link StorageHealth} knows at one moment. */
    public record Reading(StorageState state, Instant since, String problem) {
        public static final Reading OK = new Reading(StorageState.OK, null, null);

        /** The worse of two readings (full over failing over ok); the earlier start when equally bad. */
        public Reading worse(Reading other) {
            if (state.ordinal() != other.state.ordinal()) {
                return rank(state) >= rank(other.state) ? this : other;
            }
            return since == null || (other.since != null && other.since.isBefore(since)) ? other : this;
        }

        private static int rank(StorageState state) {
            return switch (state) {
                case OK -> 0;
                case FAILING -> 1;
                case FULL -> 2;
            };
        }
    }

    private final Path file;
    private final Clock clock;
    private Reading reading = Reading.OK;
    /** When a failure line was last written. */
    private Instant lastLogged;
    private long failedSinceLog;
    /** A failure line was written and no recovery line after it: the log currently says "failing". */
    private boolean logSaysFailing;

    public StorageHealth(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A write committed. */
    public void succeeded() {
        String recovered = null;
        synchronized (this) {
            if (reading.state() != StorageState.OK) {
                Duration failedFor = Duration.between(reading.since(), clock.instant());
                if (logSaysFailing && failedFor.compareTo(STEADY) >= 0) {
                    recovered = file + " takes writes again after " + failedFor.toSeconds() + " s ("
                            + reading.state().name().toLowerCase(java.util.Locale.ROOT) + " until now)";
                    logSaysFailing = false;
                }
                reading = Reading.OK;
            }
        }
        if (recovered != null) {
            LOG.warning(recovered);
        }
    }

    /**
     * A write failed. Failures that are not about storage (a mark on an event in the wrong state) leave the health
     * as it is.
     */
    public void failed(Throwable failure) {
        StorageException storage = storageFailure(failure);
        if (storage == null) {
            return;
        }
        String line = null;
        synchronized (this) {
            Instant now = clock.instant();
            StorageState state = storage.problem() == StorageException.Problem.FULL ? StorageState.FULL
                    : StorageState.FAILING;
            boolean newEpisode = reading.state() == StorageState.OK;
            reading = new Reading(state, newEpisode ? now : reading.since(), storage.getMessage());
            if (!logSaysFailing || !now.isBefore(lastLogged.plus(REMIND_EVERY))) {
                line = storage.getMessage() + (newEpisode ? "" : "; failing since " + reading.since())
                        + (failedSinceLog == 0 ? "" : " (" + failedSinceLog + " more failed writes since the last "
                        + "such line)");
                lastLogged = now;
                failedSinceLog = 0;
                logSaysFailing = true;
            } else {
                failedSinceLog++;
            }
        }
        if (line != null) {
            LOG.severe(line); // one line, no stack trace: the message already says which file, why and what to do
        }
    }

    public synchronized Reading reading() {
        return reading;
    }

    private static StorageException storageFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageException storage) {
                return storage;
            }
        }
        return null;
    }
}
