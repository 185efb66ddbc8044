package dev.klaxon.app.perf;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The monitor on the real (headless) FX thread: it sees frames, probes, and an FX thread that is held up. */
@ExtendWith(ApplicationExtension.class)
class FxPerfMonitorTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final List<PerfSample> samples = new CopyOnWriteArrayList<>();
    private final List<Boolean> onFxThread = new CopyOnWriteArrayList<>();
    private final AtomicLong processed = new AtomicLong();
    private FxPerfMonitor monitor;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private void startMonitor() {
        monitor = new FxPerfMonitor(() -> new EngineCounts(processed.addAndGet(5_000), 0), Clock.systemUTC(),
                System::nanoTime, () -> 64L * 1024 * 1024, sample -> {
                    onFxThread.add(Platform.isFxApplicationThread());
                    samples.add(sample);
                });
        fx(() -> {
            monitor.start();
            return null;
        });
    }

    @Test
    void reportsFramesProbesAndTheEnginesRateOnceASecondOffTheFxThread() {
        startMonitor();
        await().atMost(PATIENCE).until(() -> samples.size() >= 3);
        PerfSample third = samples.get(2);
        assertThat(third.fps()).isPositive();
        assertThat(third.probes()).isBetween(5, 25); // one probe every 50 ms, one waiting at a time
        assertThat(third.processedPerSecond()).isBetween(2_500L, 10_000L); // 5,000 per (roughly one) second
        assertThat(third.heapUsedMegabytes()).isEqualTo(64.0);
        assertThat(onFxThread).containsOnly(false);
    }

    @Test
    void anFxThreadHeldUpShowsAsLagInThatSecond() {
        startMonitor();
        await().atMost(PATIENCE).until(() -> !samples.isEmpty());
        Platform.runLater(() -> {
            long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // the kind of work that must never run on the FX thread
            }
        });
        await().atMost(PATIENCE).until(() -> samples.stream().anyMatch(s -> s.lagMaxMillis() >= 300));
        assertThat(samples.stream().filter(s -> s.lagMaxMillis() >= 300))
                .allSatisfy(s -> assertThat(s.sluggish()).isTrue());
    }
}
