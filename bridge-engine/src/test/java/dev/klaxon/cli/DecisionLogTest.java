package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.nats.IngestCounters;
import dev.klaxon.stats.SeverityTotals;
import dev.klaxon.storage.StorageState;
import dev.klaxon.storage.StorageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code run} logs about storage: one line per interval while it refuses writes, never silence. */
class DecisionLogTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private static final String PROBLEM = "cannot write to the outbox /var/lib/klaxon/outbox.db (database or disk is "
            + "full; 0 KB free): free space on the filesystem of /var/lib/klaxon";

    private static EngineSnapshot snapshot(int second, long forwarded, StorageStatus storage) {
        return new EngineSnapshot(T0.plusSeconds(second), null, IngestCounters.ZERO, Map.of(Outcome.FORWARDED,
                forwarded), Map.of(Outcome.FORWARDED, "routes[0] \"alerts.>\" page held in memory, not yet committed: "
                + "storage full (outbox.db); sent once it can be written"), List.of(), 0, null, storage.lost(),
                SeverityTotals.NONE, storage);
    }

    /** The word after the time: the outcome or "storage". */
    private static String kind(String line) {
        return line.split(" +")[1];
    }

    private static StorageStatus full(int held, long lost) {
        return new StorageStatus(StorageState.FULL, T0, PROBLEM, held, 10_000, lost, 0);
    }

    @Test
    void whileStorageIsFullEachIntervalHasOneStorageLineWithWhatIsHeldLostAndWhy() {
        List<String> lines = DecisionLog.lines(snapshot(0, 10, full(3, 0)), snapshot(1, 150, full(134, 0)));

        assertThat(lines).filteredOn(line -> kind(line).equals("storage")).singleElement().satisfies(line ->
                assertThat(line).contains("FULL since " + T0, "134 event(s) for PagerDuty held in memory (limit 10000)",
                        "0 lost", PROBLEM));
        assertThat(lines).filteredOn(line -> kind(line).equals("forwarded")).singleElement()
                .satisfies(line -> assertThat(line).contains("+140", "held in memory, not yet committed"));
    }

    @Test
    void lossesAreCountedInTheIntervalTheyHappen() {
        List<String> lines = DecisionLog.lines(snapshot(0, 10, full(10_000, 5)), snapshot(1, 10, full(10_000, 12)));

        assertThat(lines).singleElement().satisfies(line -> assertThat(line).contains("12 lost, +7 lost just now"));
    }

    @Test
    void theRecoveryIsSaidOnceAndThenStorageIsQuiet() {
        StorageStatus ok = StorageStatus.ok(10_000);

        assertThat(DecisionLog.lines(snapshot(0, 0, full(134, 0)), snapshot(1, 0, ok)))
                .singleElement().satisfies(line -> assertThat(line).contains("storage   writable again"));
        assertThat(DecisionLog.lines(snapshot(1, 0, ok), snapshot(2, 0, ok))).isEmpty();
    }
}
