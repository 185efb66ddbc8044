package dev.klaxon.app.ui.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsPubCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPlainMessageReadsLikeSomethingTypedByHand() {
        assertThat(NatsPubCommand.of("alerts.prod.db", "{\"severity\":\"critical\"}", Map.of()))
                .isEqualTo("nats pub alerts.prod.db '{\"severity\":\"critical\"}'");
    }

    @Test
    void quotesInsideTheBodyAreClosedAroundAndHeadersGoAsDashH() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Nats-Msg-Id", List.of("it's-1"));
        headers.put("X-Tag", List.of("a", "b: c"));
        assertThat(NatsPubCommand.of("alerts.prod.db", "it's \"down\"", headers))
                .isEqualTo("nats pub -H 'Nats-Msg-Id:it'\\''s-1' -H 'X-Tag:a' -H 'X-Tag:b: c' alerts.prod.db "
                        + "'it'\\''s \"down\"'");
    }

    @Test
    void templatesAndLeadingDashesAreDisarmed() {
        assertThat(NatsPubCommand.of("alerts.x", "{{ Random 1 9 }}", Map.of()))
                .isEqualTo("nats pub --no-templates alerts.x '{{ Random 1 9 }}'");
        assertThat(NatsPubCommand.of("alerts.x", "-1", Map.of())).isEqualTo("nats pub -- alerts.x '-1'");
        assertThat(NatsPubCommand.of("odd subject$(x)", "", Map.of()))
                .isEqualTo("nats pub 'odd subject$(x)' ''");
    }

    @Test
    void whatCannotBeAShellArgumentIsRefusedInWords() {
        assertThatThrownBy(() -> NatsPubCommand.of("a", "x\0y", Map.of())).hasMessageContaining("NUL");
        assertThatThrownBy(() -> NatsPubCommand.of("a", "x", Map.of("a:b", List.of("v"))))
                .hasMessageContaining("colon");
    }

    /** The real test of quoting: a shell reads the words back exactly, newlines, quotes and Unicode included. */
    @Test
    void aShellReadsEveryArgumentBackExactly() throws Exception {
        String body = "line 1\nit's \"quoted\" $HOME `id` \\n \u202Eevil\u202C ünïcødé 🚨\n\ttab\n'";
        Map<String, List<String>> headers = Map.of("X-Note", List.of("naïve 'value' $x"));
        String command = NatsPubCommand.of("alerts.prod.db", body, headers);
        // A stand-in for nats that prints each argument NUL-terminated, so the test sees exactly what nats would.
        Path script = dir.resolve("run.sh");
        Files.writeString(script, "nats() { printf '%s\\0' \"$@\"; }\n" + command + "\n", StandardCharsets.UTF_8);
        Process shell = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        shell.getInputStream().transferTo(out);
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String[] words = out.toString(StandardCharsets.UTF_8).split("\0", -1);
        assertThat(List.of(words)).containsExactly("pub", "-H", "X-Note:naïve 'value' $x", "alerts.prod.db", body,
                "");
    }
}
