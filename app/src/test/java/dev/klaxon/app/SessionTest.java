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

    private static final java.util.function.UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    private final LaunchOptions defaults = new LaunchOptions(LaunchOptions.Mode.RUN, false, null, Theme.DARK);

    @Test
    void firstRunWritesTheDefaultConfigSaysWhereAndRunsOnIt() throws Exception {
        List<Path> told = new ArrayList<>();
        Path expected = home.resolve(".config/klaxon/klaxon.yaml");
        try (Session session = Session.open(defaults, home, NO_ENVIRONMENT, told::add)) {
            assertThat(expected).exists();
            assertThat(told).containsExactly(expected);
            assertThat(session.writtenConfig()).isEqualTo(expected);
            assertThat(session.label()).isEqualTo(expected.toString());
            assertThat(session.demo()).isNull();
        }
        told.clear();
        try (Session again = Session.open(defaults, home, NO_ENVIRONMENT, told::add)) {
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
        assertThatThrownBy(() -> Session.open(named, home, NO_ENVIRONMENT, p -> { }))
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
        assertThatThrownBy(() -> Session.open(named, home, NO_ENVIRONMENT, p -> { }))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toAbsolutePath().normalize());
                    assertThat(e.errors()).anySatisfy(error -> assertThat(error.render()).contains("sevrers")
                            .contains("(line 3)"));
                });
        assertThat(home.resolve(".config")).doesNotExist();
    }

    @Test
    void xdgDirectoriesAndDataDirDecideWhereFilesGo() throws Exception {
        Path config = home.resolve("xdg-config");
        Path data = home.resolve("xdg-data");
        java.util.function.UnaryOperator<String> xdg = java.util.Map.of("XDG_CONFIG_HOME", config.toString(),
                "XDG_DATA_HOME", data.toString())::get;
        try (Session session = Session.open(defaults, home, xdg, p -> { })) {
            assertThat(session.writtenConfig()).isEqualTo(config.resolve("klaxon/klaxon.yaml"));
            assertThat(session.config().storage().dir()).isEqualTo(data.resolve("klaxon"));
        }
        assertThat(data.resolve("klaxon/outbox.db")).exists();

        Path profile = home.resolve("second-profile");
        LaunchOptions withDataDir = new LaunchOptions(LaunchOptions.Mode.RUN, false, null, Theme.DARK, null, profile);
        try (Session session = Session.open(withDataDir, home, xdg, p -> { })) {
            assertThat(session.config().storage().dir()).isEqualTo(profile.toAbsolutePath());
        }
        assertThat(profile.resolve("outbox.db")).as("--data-dir keeps this profile's files apart").exists();
    }
}
