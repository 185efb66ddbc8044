package dev.klaxon.app.ui.live;

import dev.klaxon.app.ui.common.LiveRates;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.EngineSnapshot;
import dev.klaxon.nats.IngestCounters;
import dev.klaxon.stats.SubjectSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;

/**
 * Runs the subjects table's paths (new rows, updates, sorted insertion, re-sorts, the cells' CSS and layout, the rate
 * history) over made-up subjects in a table of its own that is never shown, one small step per frame, while the
 * console has just started and is idle. Without it the first flood meets all of that cold: its 1,000 new subjects
 * held the FX thread for about half a second in the first frame, interpreted code mostly, while the JIT caught up.
 * It gives way for good as soon as the real table has work, which then warms the same code itself. FX thread only.
 */
final class SubjectsWarmUp {
    private static final int SUBJECTS = 1_000;
    private static final int PASSES = 6;
    /** The made-up frames' clock moves faster than the real one, so that the once-a-second re-sort runs too. */
    private static final long STEP_NANOS = 250_000_000L;

    /** The hidden table, its rates and its scene's root: made at the first step, let go of once finished. */
    private SubjectTable table;
    private LiveRates rates;
    private Parent root;
    private int pass;
    private long frameNanos;
    private boolean finished;

    boolean finished() {
        return finished;
    }

    /** Ends the warm-up for good (all passes done, or the real table has work now) and lets go of the hidden table. */
    void stop() {
        finished = true;
        table = null;
        rates = null;
        root = null;
    }

    /** One step: a slice of a pass and a CSS and layout pass over the hidden table, styled like {@code shown}. */
    void step(Scene shown) {
        if (finished || shown == null) {
            return;
        }
        if (root == null) {
            table = new SubjectTable();
            rates = new LiveRates();
            table.showSparklines(rates.history(), rates.version());
            root = new StackPane(table.node());
            Scene scene = new Scene(root, shown.getWidth(), Math.max(200, shown.getHeight() / 2));
            scene.getStylesheets().setAll(shown.getStylesheets());
        }
        if (table.upToDate()) {
            if (pass == PASSES) {
                stop();
                return;
            }
            EngineSnapshot snapshot = snapshot(pass++);
            rates.record(snapshot);
            table.offer(snapshot);
        }
        frameNanos += STEP_NANOS;
        table.applyFrame(frameNanos);
        table.selectFirstIfNone(); // a selected row, as in the real table: re-sorts then move the selection too
        root.applyCss();
        root.layout();
    }

    /** Numbers that change from pass to pass, so rows re-sort and their cells change. */
    private static EngineSnapshot snapshot(int pass) {
        Instant at = Instant.EPOCH.plus(Duration.ofSeconds(5L * pass));
        List<SubjectSnapshot> subjects = new ArrayList<>(SUBJECTS);
        for (int i = 0; i < SUBJECTS; i++) {
            long total = (long) (pass + 1) * (i + 1);
            subjects.add(new SubjectSnapshot("warm-up.subject-" + i, total,
                    Map.of(Outcome.LOGGED, total, Outcome.REJECTED, (long) pass), (i * 7 + pass * 13) % 101,
                    (i * 11 + pass * 5) % 103, at.minusMillis(i), "{\"summary\":\"warm-up " + pass + " of " + i
                            + "\",\"severity\":\"info\"}"));
        }
        return new EngineSnapshot(at, null, IngestCounters.ZERO, Map.of(), Map.of(), subjects, subjects.size(), null,
                0, null);
    }
}
