package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.MutableClock;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay memory against a real SQLite file, time driven by a test clock. */
class AcceptedSignaturesTest {
    private static final Instant START = Instant.parse("2026-11-29T03:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(START);

    private AcceptedSignatures open(int capacity) {
        return AcceptedSignatures.open(AcceptedSignatureStore.open(dir.resolve("signatures.db")), clock, capacity);
    }

    private static byte[] signature(int n) {
        return ByteBuffer.allocate(SignatureKey.BYTES).putInt(n).putInt(28, ~n).array();
    }

    @Test
    void aSignatureSeenAgainWithinTheWindowIsAReplayNamingTheFirstAcceptance() {
        try (AcceptedSignatures accepted = open(10)) {
            assertThat(accepted.admit(signature(1))).isEqualTo(new ReplayCheck.Fresh());
            clock.advance(Duration.ofMinutes(9).plusSeconds(59));
            assertThat(accepted.admit(signature(1))).isEqualTo(new ReplayCheck.Replayed(START));
            assertThat(accepted.admit(signature(1)).problem())
                    .isEqualTo("rejected: replayed signature (first accepted 2026-11-29T03:00:00Z)");
            assertThat(accepted.admit(signature(2))).isEqualTo(new ReplayCheck.Fresh());
        }
    }

    @Test
    void theSameStreamMessageSeenAgainIsNoReplayButASecondMessageIsEvenAfterARestart() {
        try (AcceptedSignatures accepted = open(10)) {
            assertThat(accepted.admit(signature(1), 5)).isEqualTo(new ReplayCheck.Fresh()); // watched
            assertThat(accepted.admit(signature(1), 5)).isEqualTo(new ReplayCheck.Fresh()); // then pulled
            assertThat(accepted.admit(signature(1), 6)).isEqualTo(new ReplayCheck.Replayed(START));
            assertThat(accepted.admit(signature(1))).isEqualTo(new ReplayCheck.Replayed(START)); // core NATS
        }
        try (AcceptedSignatures reopened = open(10)) {
            assertThat(reopened.admit(signature(1), 5)).isEqualTo(new ReplayCheck.Fresh());
            assertThat(reopened.admit(signature(1), 7)).isEqualTo(new ReplayCheck.Replayed(START));
        }
    }

    @Test
    void aSignatureIsForgottenOnlyOnceItsTimestampCanNoLongerBeFresh() {
        try (AcceptedSignatures accepted = open(10)) {
            accepted.admit(signature(1));
            // Accepted with a timestamp up to 5 min ahead, it stays fresh until 10 min after acceptance.
            clock.advance(AcceptedSignatures.RETENTION);
            assertThat(accepted.admit(signature(1))).isInstanceOf(ReplayCheck.Replayed.class);
            clock.advance(Duration.ofMillis(1));
            assertThat(accepted.admit(signature(2))).isEqualTo(new ReplayCheck.Fresh());
            assertThat(accepted.size()).isEqualTo(1);
        }
    }

    @Test
    void atTheCapNewSignaturesAreRefusedNotRememberedAndNothingIsForgottenEarly() {
        try (AcceptedSignatures accepted = open(3)) {
            for (int i = 0; i < 3; i++) {
                assertThat(accepted.admit(signature(i))).isEqualTo(new ReplayCheck.Fresh());
            }
            assertThat(accepted.admit(signature(99))).isEqualTo(new ReplayCheck.Full(3));
            assertThat(accepted.admit(signature(99)).problem()).startsWith("rejected: replay memory full (3 ");
            assertThat(accepted.admit(signature(0))).isEqualTo(new ReplayCheck.Replayed(START));
            assertThat(accepted.size()).isEqualTo(3);

            clock.advance(AcceptedSignatures.RETENTION.plusSeconds(1));
            assertThat(accepted.admit(signature(99))).isEqualTo(new ReplayCheck.Fresh());
        }
    }

    @Test
    void whatWasAcceptedSurvivesReopeningTheFileAndOldRowsArePruned() throws Exception {
        try (AcceptedSignatures accepted = open(10)) {
            accepted.admit(signature(1));
            clock.advance(Duration.ofMinutes(6));
            accepted.admit(signature(2));
        }
        clock.advance(Duration.ofMinutes(5)); // signature 1 is 11 min old, signature 2 is 5 min old
        try (AcceptedSignatures reopened = open(10)) {
            assertThat(reopened.size()).isEqualTo(1);
            assertThat(reopened.admit(signature(2)))
                    .isEqualTo(new ReplayCheck.Replayed(START.plus(Duration.ofMinutes(6))));
            assertThat(reopened.admit(signature(1))).isEqualTo(new ReplayCheck.Fresh());
        }
        try (AcceptedSignatureStore store = AcceptedSignatureStore.open(dir.resolve("signatures.db"))) {
            assertThat(store.acceptedSince(Instant.EPOCH)).extracting(AcceptedSignature::key)
                    .containsExactlyInAnyOrder(SignatureKey.of(signature(1)), SignatureKey.of(signature(2)));
        }
    }

    @Test
    void whenTheFileCannotBeWrittenSignaturesAreStillRememberedInMemory() throws Exception {
        AcceptedSignatureStore store = AcceptedSignatureStore.open(dir.resolve("signatures.db"));
        try (AcceptedSignatures accepted = AcceptedSignatures.open(store, clock, 10)) {
            accepted.admit(signature(1));
            try (var s = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("signatures.db"))
                    .createStatement()) {
                s.execute("DROP TABLE accepted_signatures"); // every later write fails, as on a full disk
            }
            assertThat(accepted.admit(signature(2))).isEqualTo(new ReplayCheck.Fresh());
            assertThat(accepted.admit(signature(2))).isInstanceOf(ReplayCheck.Replayed.class);
        }
        assertThat(Files.exists(dir.resolve("signatures.db"))).isTrue();
    }

    @Test
    void holdingTheDefaultCapCostsBoundedMemoryAndConstantLookups() {
        Runtime runtime = Runtime.getRuntime();
        try (AcceptedSignatures accepted = AcceptedSignatures.open(new InMemory(), clock,
                AcceptedSignatures.DEFAULT_CAPACITY)) {
            System.gc();
            long before = runtime.totalMemory() - runtime.freeMemory();
            long started = System.nanoTime();
            for (int i = 0; i < AcceptedSignatures.DEFAULT_CAPACITY; i++) {
                accepted.admit(signature(i));
            }
            long perAdmit = (System.nanoTime() - started) / AcceptedSignatures.DEFAULT_CAPACITY;
            System.gc();
            long used = runtime.totalMemory() - runtime.freeMemory() - before;
            System.out.println("replay memory: " + AcceptedSignatures.DEFAULT_CAPACITY + " signatures, ~"
                    + used / 1024 / 1024 + " MB, " + perAdmit + " ns per admit (no disk)");
            assertThat(accepted.size()).isEqualTo(AcceptedSignatures.DEFAULT_CAPACITY);
            assertThat(accepted.admit(signature(-1))).isEqualTo(new ReplayCheck.Full(AcceptedSignatures.DEFAULT_CAPACITY));
        }
    }

    @Test
    void rememberingOnDiskCostsOneSmallInsertPerSignedMessage() {
        int n = 2_000;
        try (AcceptedSignatures accepted = open(n)) {
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                accepted.admit(signature(i));
            }
            long perAdmit = (System.nanoTime() - started) / n;
            System.out.println("replay memory with signatures.db: " + perAdmit / 1000 + " us per admit");
            assertThat(accepted.size()).isEqualTo(n);
        }
    }

    /** Storage that keeps nothing: measures the memory alone. */
    private static final class InMemory implements AcceptedSignatureStorage {
        @Override
        public java.util.List<AcceptedSignature> acceptedSince(Instant since) {
            return java.util.List.of();
        }

        @Override
        public void add(AcceptedSignature accepted) {
        }

        @Override
        public void pruneBefore(Instant before) {
        }

        @Override
        public void close() {
        }
    }
}
