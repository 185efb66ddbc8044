package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code silence add} with a regex RE2 cannot run: a usage error naming the matcher, and nothing stored. */
class SilenceAddRegexTest {
    @TempDir
    Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aBackreferenceIsRefusedWithExitTwoNamingTheFieldAndNothingIsStored() throws Exception {
        Path config = home.resolve("klaxon.yaml");
        Files.writeString(config, """
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: log
                """.formatted(home.resolve("data")));

        int code = run("silence", "add", "alerts.prod.>", "--for", "1h", "--reason", "drill",
                "--match", "source=~(db)-\\1", "--config", config.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--match source=~(db)-\\1: source: ",
                "`\\1`", "RE2 syntax: no backreferences or lookaround");
        assertThat(run("silence", "list", "--config", config.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 silences");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, home,
                new MutableClock(Instant.parse("2026-11-29T03:00:00Z")));
        return Main.execute(List.of(args), context, new CountDownLatch(0));
    }
}
