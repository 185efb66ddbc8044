package dev.klaxon.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.LogCapture;
import dev.klaxon.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** A full disk is logged once a minute at most, however many writes fail or how often it flaps. */
class StorageHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private static final Path FILE = Path.of("/var/lib/klaxon/outbox.db");
    private final MutableClock clock = new MutableClock(T0);
    private final StorageHealth health = new StorageHealth(FILE, clock);

    private static StorageException full() {
        return new StorageException(StorageException.Problem.FULL, FILE, "cannot write to the outbox " + FILE
                + " (database or disk is full; 0 KB free): free space on the filesystem of /var/lib/klaxon", null);
    }

    @Test
    void aThousandFailedWritesAndFlapsAreOneLineAMinuteAndOnlyARealRecoveryIsAnnounced() {
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 1_000; i++) {
                health.failed(full());
                if (i % 100 == 0) {
                    health.succeeded(); // a small write fits now and then at the edge of full: a flap
                }
            }
            assertThat(health.reading().state()).isEqualTo(StorageState.FULL);
            assertThat(log.records()).extracting(LogRecord::getMessage).containsExactly(full().getMessage());

            clock.advance(Duration.ofSeconds(61));
            health.failed(full());
            clock.advance(Duration.ofSeconds(30));
            health.succeeded(); // space came back; failing since the last flap, 91 s ago

            assertThat(log.records()).hasSize(3).allSatisfy(r -> assertThat(r.getThrown()).isNull());
            assertThat(log.records().get(1).getMessage()).contains("database or disk is full",
                    "more failed writes since the last such line");
            assertThat(log.records().get(2).getMessage())
                    .isEqualTo(FILE + " takes writes again after 91 s (full until now)");
            assertThat(health.reading()).isEqualTo(StorageHealth.Reading.OK);

            health.failed(full()); // a new outage right after a recovery is news, minute or not
            assertThat(log.records()).hasSize(4);
        }
    }

    @Test
    void failuresThatAreNotAboutStorageLeaveTheHealthAlone() {
        health.failed(new IllegalStateException("outbox event 7 is not pending"));

        assertThat(health.reading()).isEqualTo(StorageHealth.Reading.OK);
    }

    @Test
    void theWorseReadingIsFullOverFailingOverOk() {
        StorageHealth.Reading failing = new StorageHealth.Reading(StorageState.FAILING, T0, "i/o");
        StorageHealth.Reading full = new StorageHealth.Reading(StorageState.FULL, T0.plusSeconds(5), "full");

        assertThat(failing.worse(full)).isEqualTo(full);
        assertThat(StorageHealth.Reading.OK.worse(failing)).isEqualTo(failing);
        assertThat(full.worse(StorageHealth.Reading.OK)).isEqualTo(full);
    }
}
