package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command line says about itself: per-command help, typos, a group without its command. */
class CommandLineHelpTest {
    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, home,
                Clock.systemUTC());
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCommandsHelpShowsItsOwnOptionsAndExitsZero() {
        assertThat(run("silence", "add", "--help")).isZero();
        assertThat(out()).contains("Usage: klaxon-bridge silence add", "PATTERN", "--for=DURATION", "--reason=TEXT",
                "--match=", "--config=FILE").doesNotContain("--format", "incidents list");
        assertThat(err()).isEmpty();

        assertThat(run("incident", "snooze", "-h")).isZero();
        assertThat(out()).contains("Usage: klaxon-bridge incident snooze", "ID...", "--for=DURATION")
                .doesNotContain("--note", "--level");
    }

    @Test
    void aGroupsHelpListsItsCommands() {
        assertThat(run("incident", "--help")).isZero();
        assertThat(out()).contains("Usage: klaxon-bridge incident").contains("ack", "resolve", "escalate", "snooze",
                "note");

        assertThat(run("outbox", "--help")).isZero();
        assertThat(out()).contains("status", "dead-letters", "resend");
    }

    @Test
    void theTopLevelHelpIsStillTheOverview() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("Usage: java -jar klaxon-bridge.jar", "completion bash|zsh", "silence add --help");
        assertThat(run("-h")).isZero();
        assertThat(out()).contains("Exit codes");
    }

    @Test
    void aMistypedCommandExitsTwoAndSuggestsTheRightOne() {
        assertThat(run("silense", "list")).isEqualTo(2);
        assertThat(err()).contains("error: unknown command \"silense\"", "Did you mean: silence?");
        assertThat(out()).isEmpty();

        assertThat(run("silence", "lst")).isEqualTo(2);
        assertThat(err()).contains("error: unknown silence command \"lst\"", "Did you mean: list?");
    }

    @Test
    void aMistypedOptionExitsTwoAndSuggestsTheRightOne() {
        assertThat(run("silence", "list", "--confg", "x.yaml")).isEqualTo(2);
        assertThat(err()).contains("error: unknown option --confg", "Did you mean: --config?");

        assertThat(run("config", "check", "--confg=x.yaml")).isEqualTo(2);
        assertThat(err()).contains("error: unknown option --confg\n", "Did you mean: --config?");
    }

    @Test
    void anOptionOfAnotherCommandIsRefused() {
        assertThat(run("incident", "ack", "P1", "--note", "x")).isEqualTo(2);
        assertThat(err()).contains("error: unknown option --note");
        assertThat(run("audit", "tail", "--since", "1h")).isEqualTo(2);
        assertThat(err()).contains("error: unknown option --since");
    }

    @Test
    void aGroupWithoutItsCommandNamesThem() {
        assertThat(run("silence")).isEqualTo(2);
        assertThat(err()).contains("error: expected \"silence add|expire|extend|list|share\"");
        assertThat(run("completion")).isEqualTo(2);
        assertThat(err()).contains("error: expected \"completion bash|zsh\"");
    }

    @Test
    void optionValuesAreCheckedAsBefore() {
        assertThat(run("silence", "add", "x", "--for")).isEqualTo(2);
        assertThat(err()).contains("error: option --for needs a value");
        assertThat(run("config", "check", "--config", "a", "--config", "b")).isEqualTo(2);
        assertThat(err()).contains("error: option --config given twice");
    }
}
