package dev.klaxon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.app.prefs.Theme;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void noArgumentsRunsWithDefaultConfigAndTheSavedTheme() throws Exception {
        LaunchOptions options = LaunchOptions.parse(List.of());
        assertThat(options.mode()).isEqualTo(LaunchOptions.Mode.RUN);
        assertThat(options.demo()).isFalse();
        assertThat(options.config()).isNull();
        assertThat(options.theme()).isNull(); // the one saved from last time, else dark
    }

    @Test
    void readsDemoConfigAndTheme() throws Exception {
        assertThat(LaunchOptions.parse(List.of("--demo", "--theme", "light")))
                .isEqualTo(new LaunchOptions(LaunchOptions.Mode.RUN, true, null, Theme.LIGHT));
        assertThat(LaunchOptions.parse(List.of("--config", "/etc/k.yaml")).config()).isEqualTo(Path.of("/etc/k.yaml"));
        assertThat(LaunchOptions.parse(List.of("--config=/etc/k.yaml", "--theme=DARK")))
                .isEqualTo(new LaunchOptions(LaunchOptions.Mode.RUN, false, Path.of("/etc/k.yaml"), Theme.DARK));
    }

    @Test
    void readsTheDataDirButNotWithTheDemo() throws Exception {
        assertThat(LaunchOptions.parse(List.of("--data-dir", "/tmp/p2")).dataDir()).isEqualTo(Path.of("/tmp/p2"));
        assertThat(LaunchOptions.parse(List.of("--data-dir=/tmp/p3")).dataDir()).isEqualTo(Path.of("/tmp/p3"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LaunchOptions.parse(List.of("--demo",
                "--data-dir", "/tmp/p2"))).hasMessageContaining("drop --data-dir or --demo");
    }

    @Test
    void readsThePerfLogFile() throws Exception {
        assertThat(LaunchOptions.parse(List.of()).perfLog()).isNull();
        assertThat(LaunchOptions.parse(List.of("--demo", "--perf-log", "/tmp/perf.jsonl")))
                .isEqualTo(new LaunchOptions(LaunchOptions.Mode.RUN, true, null, null,
                        Path.of("/tmp/perf.jsonl")));
        assertThat(LaunchOptions.parse(List.of("--perf-log=p.jsonl")).perfLog()).isEqualTo(Path.of("p.jsonl"));
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--perf-log")))
                .hasMessage("--perf-log needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--perf-log=")))
                .hasMessage("--perf-log needs a file name");
        assertThat(LaunchOptions.USAGE).contains("--perf-log FILE");
    }

    @Test
    void helpWinsOverVersion() throws Exception {
        assertThat(LaunchOptions.parse(List.of("--version")).mode()).isEqualTo(LaunchOptions.Mode.VERSION);
        assertThat(LaunchOptions.parse(List.of("--help", "--version")).mode()).isEqualTo(LaunchOptions.Mode.HELP);
        assertThat(LaunchOptions.parse(List.of("--version", "--help")).mode()).isEqualTo(LaunchOptions.Mode.HELP);
    }

    @Test
    void rejectsWhatItDoesNotKnowNamingTheArgument() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--demo", "--frobnicate")))
                .isInstanceOf(LaunchOptions.UsageException.class)
                .hasMessage("unknown argument \"--frobnicate\"");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("stray")))
                .hasMessage("unknown argument \"stray\"");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config")))
                .hasMessage("--config needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--config", "--demo")))
                .hasMessage("--config needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--theme", "pink")))
                .hasMessage("--theme must be dark or light, not \"pink\"");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--demo=yes")))
                .hasMessage("--demo takes no value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--demo", "--config", "k.yaml")))
                .hasMessageContaining("--demo brings its own config");
    }
}
