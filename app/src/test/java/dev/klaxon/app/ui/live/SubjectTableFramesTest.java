package dev.klaxon.app.ui.live;

import static dev.klaxon.app.testing.FxQuery.fx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.prefs.Theme;
import dev.klaxon.app.testing.FakeEngine;
import dev.klaxon.app.ui.shell.Themes;
import dev.klaxon.decision.Outcome;
import dev.klaxon.engine.EngineSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A flood's first snapshot brings 1,000 subjects at once: the table takes them over several frames, each within its
 * time budget, and in the end shows them all, while the row the operator picked stays picked and in its order.
 */
@ExtendWith(ApplicationExtension.class)
class SubjectTableFramesTest {
    private static final int SUBJECTS = 1_000;
    private static final long FRAME = 16_666_667L;
    /** Each read of the budget's clock moves it 0.1 ms: a 4 ms budget then takes about 40 rows a frame. */
    private static final long PER_READ = 100_000L;

    private final AtomicLong clock = new AtomicLong();
    private SubjectTable table;
    private long frameNanos;

    @Start
    void start(Stage stage) {
        Themes.apply(Theme.DARK);
        table = new SubjectTable(() -> clock.addAndGet(PER_READ), SubjectTable.FRAME_BUDGET_NANOS);
        Scene scene = new Scene(new StackPane(table.node()), 1200, 600);
        Themes.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    private static EngineSnapshot flood() {
        FakeEngine engine = new FakeEngine();
        for (int i = 0; i < SUBJECTS; i++) {
            // Distinct rates, so that a re-sort would visibly move rows.
            engine.publish(String.format("bench.flood.svc-%04d", i), "{\"n\":" + i + "}", Outcome.LOGGED, i % 97);
        }
        return engine.snapshot();
    }

    private void frame() {
        frameNanos += FRAME;
        long now = frameNanos;
        fx(() -> {
            table.applyFrame(now);
            return null;
        });
    }

    private List<String> shown() {
        return fx(() -> table.node().getItems().stream().map(SubjectRow::subject).toList());
    }

    @Test
    void aThousandNewSubjectsArriveOverSeveralFramesAndAllEndUpShown() {
        EngineSnapshot flood = flood();
        fx(() -> {
            table.offer(flood);
            return null;
        });
        frame();
        int afterFirstFrame = shown().size();
        assertThat(afterFirstFrame).as("rows after the first frame").isBetween(1, SUBJECTS / 4);

        int frames = 1;
        while (!fx(table::upToDate)) {
            frame();
            frames++;
            assertThat(frames).as("frames to take the snapshot in").isLessThan(SUBJECTS);
        }
        assertThat(frames).as("frames to take the snapshot in").isGreaterThanOrEqualTo(5);
        assertThat(shown()).hasSize(SUBJECTS).doesNotHaveDuplicates()
                .contains("bench.flood.svc-0000", "bench.flood.svc-0999");
    }

    @Test
    void thePickedRowStaysPickedAndRowsKeepTheirOrderWhileBatchesArrive() {
        EngineSnapshot flood = flood();
        fx(() -> {
            table.offer(flood);
            return null;
        });
        frame();
        List<String> first = shown();
        String picked = first.get(first.size() / 2);
        fx(() -> {
            table.node().getSelectionModel().select(table.node().getItems().indexOf(
                    table.node().getItems().stream().filter(r -> r.subject().equals(picked)).findFirst().orElseThrow()));
            return null;
        });

        List<String> before = first;
        while (!fx(table::upToDate)) {
            frame();
            List<String> now = shown();
            assertThat(fx(() -> table.selectedRow().get().subject())).isEqualTo(picked);
            assertThat(fx(() -> table.node().getItems().get(table.node().getSelectionModel().getSelectedIndex())
                    .subject())).as("the row highlighted").isEqualTo(picked);
            assertThat(fx(() -> table.node().getFocusModel().getFocusedItem().subject())).as("the focused row")
                    .isEqualTo(picked);
            // Rows already shown keep their order; new ones only slot in between them.
            List<String> kept = new ArrayList<>(now);
            kept.retainAll(before);
            assertThat(kept).isEqualTo(before);
            before = now;
        }
        assertThat(before).hasSize(SUBJECTS);
        assertThat(fx(() -> table.selectedRow().get().subject())).isEqualTo(picked);
    }
}
