package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code completion bash}, sourced in a real bash, completes what a person types after {@code klaxon-bridge}. */
class CompletionScriptTest {
    /**
     * Sources the script named by $1, then for each further argument (the words typed, space-separated) fills in
     * bash's completion variables as bash would at the end of that line, calls the completion function the script
     * registered for klaxon-bridge, and prints its candidates on one line. (compopt works only while bash itself
     * is completing, so here it does nothing instead of complaining.)
     */
    private static final String COMPLETE = """
            compopt() { :; }
            source "$1" || exit 9
            shift
            function_name=$(complete -p klaxon-bridge | sed -E 's/.*-F ([^ ]+) .*/\\1/')
            for line in "$@"; do
              read -r -a COMP_WORDS <<< "$line"
              [[ "$line" == *" " ]] && COMP_WORDS+=("")
              COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
              COMP_LINE="$line"
              COMP_POINT=${#COMP_LINE}
              COMPREPLY=()
              "$function_name" klaxon-bridge "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
              echo "${COMPREPLY[*]}"
            done
            """;

    @TempDir
    Path home;
    private Path script;

    @BeforeEach
    void writeTheScript() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, home,
                Clock.systemUTC());
        assertThat(Main.execute(List.of("completion", "bash"), context, new CountDownLatch(0))).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        script = Files.writeString(home.resolve("klaxon-bridge.bash"), out.toString(StandardCharsets.UTF_8));
    }

    /** One line of candidates per typed line. */
    private List<String> complete(String... lines) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", COMPLETE, "bash", script.toString()));
        command.addAll(List.of(lines));
        Process bash = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    @Test
    void theScriptCompletesTheLauncherThatIsInstalled() throws Exception {
        assertThat(Files.readString(script)).contains("complete -F _complete_klaxon-bridge")
                .contains("bashcompinit"); // what makes the same script work in zsh
    }

    @Test
    void commandsCompleteFromTheirFirstLetters() throws Exception {
        assertThat(complete("klaxon-bridge sil", "klaxon-bridge silence a", "klaxon-bridge outbox d"))
                .containsExactly("silence", "add", "dead-letters");
    }

    @Test
    void optionsAndTheirValuesComplete() throws Exception {
        List<String> lines = complete("klaxon-bridge silence add --re", "klaxon-bridge silence list --format j");
        assertThat(lines.get(0)).isEqualTo("--reason");
        assertThat(lines.get(1).split(" ")).containsExactlyInAnyOrder("json", "jsonl");
    }

    @Test
    void zshGetsTheSameScript() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.<String, String>of()::get, home, Clock.systemUTC());
        assertThat(Main.execute(List.of("completion", "zsh"), context, new CountDownLatch(0))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(script));
    }
}
