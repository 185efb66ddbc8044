package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultConfigTest {

    @TempDir
    Path tempDir;

    @Test
    void defaultPathIsUnderDotConfigOrXdgConfigHome() {
        Path home = Path.of("/home/ann");

        assertThat(KlaxonDirs.of(home, name -> null).configFile())
                .isEqualTo(Path.of("/home/ann/.config/klaxon/klaxon.yaml"));
        assertThat(KlaxonDirs.of(home, name -> null).data()).isEqualTo(Path.of("/home/ann/.local/share/klaxon"));
        KlaxonDirs xdg = KlaxonDirs.of(home, java.util.Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME",
                "/data")::get);
        assertThat(xdg.configFile()).isEqualTo(Path.of("/cfg/klaxon/klaxon.yaml"));
        assertThat(xdg.data()).isEqualTo(Path.of("/data/klaxon"));
        assertThat(KlaxonDirs.of(home, java.util.Map.of("XDG_CONFIG_HOME", "relative/cfg")::get).config())
                .as("a relative XDG value is invalid and ignored").isEqualTo(Path.of("/home/ann/.config/klaxon"));
    }

    @Test
    void defaultTextLoadsWithoutErrorsAndPagesProdInShadowOnly() throws Exception {
        Path home = Files.createDirectories(tempDir.resolve("home"));

        KlaxonConfig config = new ConfigLoader(home).parse(DefaultConfig.text(), KlaxonDirs.of(home, name -> null).configFile());

        assertThat(config.routes()).hasSize(2);
        RouteRule prod = config.routes().get(0);
        assertThat(prod.match().text()).isEqualTo("alerts.prod.>");
        assertThat(prod.action()).isEqualTo(RouteAction.PAGE);
        assertThat(prod.shadow()).as("a fresh install must never page anyone").isTrue();
        assertThat(prod.routingKey()).isEqualTo(SecretRef.env("PD_ROUTING_KEY_PROD"));
        RouteRule staging = config.routes().get(1);
        assertThat(staging.match().text()).isEqualTo("alerts.staging.>");
        assertThat(staging.action()).isEqualTo(RouteAction.LOG);
        assertThat(config.nats().servers()).containsExactly("nats://127.0.0.1:4222");
        assertThat(config.nats().subjects()).containsExactly("alerts.>");
        assertThat(config.storage().dir()).isEqualTo(home.resolve(".local/share/klaxon"));
        assertThat(config.guards().dedupWindow()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void defaultTextDocumentsEveryKey() {
        String text = DefaultConfig.text();

        for (String key : new String[] {"servers", "subjects", "queue_group", "token_env", "token_file", "user",
            "password_env", "password_file", "creds_file", "nkey_seed_file", "tls", "ca_file", "cert_file",
            "key_file", "events_url", "api_url", "api_token_env", "api_token_file", "from_email", "dir", "match",
            "action", "shadow", "continue", "routing_key_env", "routing_key_file", "severity", "dedup_key",
            "dedup_window", "flood", "per_subject", "per_routing_key"}) {
            assertThat(Pattern.compile("\\b" + key + "\\b").matcher(text).find()).as("documents %s", key).isTrue();
        }
    }

    @Test
    void writeIfMissingCreatesTheFileAndItsDirectories() throws Exception {
        Path file = KlaxonDirs.of(tempDir.resolve("home"), name -> null).configFile();

        boolean created = DefaultConfig.writeIfMissing(file);

        assertThat(created).isTrue();
        assertThat(file).hasContent(DefaultConfig.text());
    }

    @Test
    void writeIfMissingNeverTouchesAnExistingFile() throws Exception {
        Path file = tempDir.resolve("klaxon.yaml");
        Files.writeString(file, "routes: []\n");

        boolean created = DefaultConfig.writeIfMissing(file);

        assertThat(created).isFalse();
        assertThat(file).hasContent("routes: []\n");
    }
}
