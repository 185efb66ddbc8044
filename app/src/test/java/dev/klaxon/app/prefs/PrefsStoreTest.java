package dev.klaxon.app.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.prefs.ConsolePrefs.WindowBounds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefsStoreTest {
    private static final ConsolePrefs LAID_OUT = new ConsolePrefs(Theme.LIGHT,
            new WindowBounds(40, 30, 1200, 800, true),
            Map.of("subjects-tail", List.of(0.4), "tail-detail", List.of(0.5)),
            Map.of("subjects-table", Map.of("col-subject", 420.0, "Total", 80.0)), false);

    @TempDir
    Path dir;
    private final List<String> said = new CopyOnWriteArrayList<>();

    private PrefsStore store(Path file) {
        return new PrefsStore(file, Duration.ofMillis(20), said::add);
    }

    @Test
    void whatIsSavedIsWhatTheNextRunReads() {
        Path file = dir.resolve(PrefsStore.FILE_NAME);
        PrefsStore first = store(file);
        assertThat(first.load()).isEqualTo(ConsolePrefs.defaults()); // no file yet: defaults, nothing said
        first.save(new ConsolePrefs(Theme.DARK, null, Map.of(), Map.of(), null));
        first.save(LAID_OUT); // the last of a burst is what gets written
        first.close();

        assertThat(store(file).load()).isEqualTo(LAID_OUT);
        assertThat(said).isEmpty();
    }

    @Test
    void aBurstOfChangesIsWrittenOnceItSettles() throws Exception {
        Path file = dir.resolve("console.json");
        PrefsStore store = new PrefsStore(file, Duration.ofMillis(300), said::add);
        store.save(LAID_OUT);
        assertThat(file).doesNotExist(); // not at once: a drag would write on every pixel
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
        assertThat(store(file).load()).isEqualTo(LAID_OUT);
        store.close();
    }

    @Test
    void aCorruptFileGivesTheDefaultsAndOneLineSayingSo() throws Exception {
        Path file = dir.resolve("console.json");
        Files.writeString(file, "{\"theme\": \"LIGHT\", \"dividers\": [oops");

        assertThat(store(file).load()).isEqualTo(ConsolePrefs.defaults());
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).startsWith("ignoring the console layout in " + file).endsWith("using the default layout")
                .doesNotContain("\n");
    }

    @Test
    void aFileOfTheWrongShapeOrWithNonsenseValuesKeepsOnlyWhatMakesSense() throws Exception {
        Path file = dir.resolve("console.json");
        Files.writeString(file, "[1, 2]");
        assertThat(store(file).load()).isEqualTo(ConsolePrefs.defaults());
        assertThat(said).hasSize(1);

        Files.writeString(file, """
                {"theme": "LIGHT", "future": true,
                 "window": {"x": 0, "y": 0, "width": -5, "height": 800, "maximized": false},
                 "dividers": {"subjects-tail": [7.0], "tail-detail": [0.25]},
                 "columns": {"subjects-table": {"col-subject": 310.0, "Total": -1}}}
                """);
        ConsolePrefs read = store(file).load();
        assertThat(read.theme()).isEqualTo(Theme.LIGHT);
        assertThat(read.window()).isNull();
        assertThat(read.dividers()).isEqualTo(Map.of("tail-detail", List.of(0.25)));
        assertThat(read.columns()).isEqualTo(Map.of("subjects-table", Map.of("col-subject", 310.0)));
    }

    @Test
    void aLayoutThatCannotBeWrittenIsSaidOnceAndNeverThrown() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "a file where the directory should be");
        PrefsStore store = store(blocker.resolve("console.json"));
        store.save(LAID_OUT);
        store.flush();
        store.save(new ConsolePrefs(Theme.DARK, null, Map.of(), Map.of(), null));
        store.close();
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).startsWith("could not save the console layout to ");
    }
}
