package dev.klaxon.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.storage.StorageException;
import dev.klaxon.storage.StorageState;
import dev.klaxon.testing.DiskFiller;
import dev.klaxon.testing.MutableClock;
import dev.klaxon.testing.TmpfsMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a real 1 MB tmpfs filled to the last byte: it says so, and works again once space returns. */
class OutboxDiskFullTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private TmpfsMount disk;
    private Outbox outbox;

    @BeforeEach
    void open() throws Exception {
        disk = TmpfsMount.mount(dir.resolve("data"), "size=1m");
        outbox = Outbox.open(disk.dir().resolve("outbox.db"), clock);
    }

    @AfterEach
    void close() throws Exception {
        if (outbox != null) {
            outbox.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDiskIsNamedWithTheOsReasonAndEveryWriteWorksAgainOnceSpaceReturns() throws Exception {
        long pending = outbox.enqueue(List.of(Events.trigger("before", T0))).join().get(0);
        Path ballast = DiskFiller.fill(disk.dir().resolve("outbox.db"), disk.dir().resolve("ballast"));

        // Larger than SQLite's page cache (2 MB), so the INSERT itself must write and fails, not only the COMMIT.
        NewEvent large = new NewEvent("alerts.prod.db", 0, "routes[0]", Events.PROD, Endpoint.ALERT, "refused",
                "trigger", "{\"routing_key\":\"" + NewEvent.MASK_PREFIX + "\",\"payload\":{\"summary\":\""
                + "x".repeat(3 * 1024 * 1024) + "\"}}", T0);
        assertThatThrownBy(() -> outbox.enqueue(List.of(large)).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot write to the outbox " + disk.dir().resolve("outbox.db"))
                .hasMessageContaining("database or disk is full")
                .satisfies(e -> assertThat(((StorageException) e).problem()).isEqualTo(StorageException.Problem.FULL));
        assertThat(outbox.health().state()).isEqualTo(StorageState.FULL);

        Files.delete(ballast);

        // The driver closes a statement whose step failed; before the fix every later enqueue failed with
        // "statement is not executing" although the disk had room again.
        List<Long> ids = outbox.enqueue(List.of(Events.trigger("after", T0))).join();
        outbox.markRetry(pending, T0.plusSeconds(5), 503, "Server error").join();
        outbox.markDelivered(ids.get(0), 202, "after", "Event processed").join();
        assertThat(outbox.event(ids.get(0)).orElseThrow().state()).isEqualTo(EventState.DELIVERED);
        assertThat(outbox.health().state()).isEqualTo(StorageState.OK);
    }
}
