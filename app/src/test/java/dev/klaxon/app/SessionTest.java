package dev.klaxon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.app.prefs.Theme;
import dev.klaxon.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    @TempDir
    Path home;

    private final LaunchOptions defaults = new LaunchOptions(LaunchOptions.Mode.RUN, false, null, Theme.DARK);

    @Test
    void firstRunWritesTheDefaultConfigSaysWhereAndRunsOnIt() throws Exception {
        List<Path> told = new ArrayList<>();
        Path expected = home.resolve(".config/klaxon/klaxon.yaml");
        try (Session session = Session.open(defaults, home, told::add)) {
            assertThat(expected).exists();
            assertThat(told).containsExactly(expected);
            assertThat(session.writtenConfig()).isEqualTo(expected);
            assertThat(session.label()).isEqualTo(expected.toString());
            assertThat(session.demo()).isNull();
        }
        told.clear();
        try (Session again = Session.open(defaults, home, told::add)) {
            assertThat(told).isEmpty(); // an existing file is used as it is
            assertThat(again.writtenConfig()).isNull();
        }
    }

    @Test
    void aLiveRouteWhoseRoutingKeyCannotBeReadIsAConfigErrorBeforeAnythingStarts() throws Exception {
        Path file = home.resolve("klaxon.yaml");
        Files.writeString(file, """
                nats:
                  servers: ["nats://127.0.0.1:1"]
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: KLAXON_TEST_SURELY_UNSET_KEY
                """.formatted(home.resolve("data")), StandardCharsets.UTF_8);
        LaunchOptions named = new LaunchOptions(LaunchOptions.Mode.RUN, false, file, Theme.DARK);
        assertThatThrownBy(() -> Session.open(named, home, p -> { }))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.render()).isEqualTo("routes[0].routing_key_env: "
                                + "environment variable KLAXON_TEST_SURELY_UNSET_KEY is not set (line 6)")));
        assertThat(home.resolve("data")).as("nothing was opened").doesNotExist();
    }

    @Test
    void aNamedConfigWithErrorsIsReportedNotWritten() throws Exception {
        Path file = home.resolve("broken.yaml");
        Files.writeString(file, "nats:\n  servers: []\n  sevrers: x\n", StandardCharsets.UTF_8);
        LaunchOptions named = new LaunchOptions(LaunchOptions.Mode.RUN, false, file, Theme.DARK);
        assertThatThrownBy(() -> Session.open(named, home, p -> { }))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toAbsolutePath().normalize());
                    assertThat(e.errors()).anySatisfy(error -> assertThat(error.render()).contains("sevrers")
                            .contains("(line 3)"));
                });
        assertThat(home.resolve(".config")).doesNotExist();
    }
}
