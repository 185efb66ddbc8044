package dev.klaxon.app.backend.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.app.backend.SettingsBackend.Review;
import dev.klaxon.app.backend.SettingsBackend.Saved;
import dev.klaxon.app.ui.settings.NatsAuthMethod;
import dev.klaxon.app.ui.settings.PagerDutyRegion;
import dev.klaxon.app.ui.settings.SecretField;
import dev.klaxon.app.ui.settings.SettingsDraft;
import dev.klaxon.app.ui.settings.SettingsFields;
import dev.klaxon.config.ConfigError;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.ConfigTextEdit;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.secret.SecretRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings form's edits against a real config file: validated by the config reader, saved with comments. */
class SettingsFileTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String YAML = """
            # Payments on-call bridge. Ask #sre before changing.
            nats:
              servers: ["nats://127.0.0.1:4222"]   # the local leaf node
              subjects: ["alerts.>"]

            pagerduty:
              # EU account since 2025
              events_url: https://events.eu.pagerduty.com/v2/enqueue
              api_url: https://api.eu.pagerduty.com

            storage:
              dir: "%s"

            routes:
              # databases page the DBA rotation
              - match: "alerts.prod.db.>"
                action: page
                routing_key_env: PD_KEY_DB
              - match: "alerts.>"
                action: log   # everything else is only logged
            """;

    @TempDir
    Path dir;
    private Path file;
    private SettingsFile settings;
    private SettingsDraft loaded;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("klaxon.yaml");
        Files.writeString(file, YAML.formatted(dir.resolve("storage")), StandardCharsets.UTF_8);
        ConfigLoader loader = new ConfigLoader(dir);
        KlaxonConfig config = loader.load(file);
        settings = new SettingsFile(file, loader, Map.of("PD_KEY_DB", KEY, "PD_KEY_NEW", KEY)::get, CLOCK);
        loaded = SettingsDraft.from(config);
    }

    private SettingsDraft with(String email, Map<Integer, SecretField> keys) {
        return new SettingsDraft(loaded.servers(), loaded.auth(), loaded.natsToken(), loaded.natsUser(),
                loaded.natsPassword(), loaded.credsFile(), loaded.nkeySeedFile(), loaded.region(),
                new SecretField(SecretRef.Source.ENV, "PD_API_TOKEN"), email, keys);
    }

    @Test
    void theLoadedSettingsReadBackAsTheFileHasThem() {
        assertThat(loaded.servers()).containsExactly("nats://127.0.0.1:4222");
        assertThat(loaded.region()).isEqualTo(PagerDutyRegion.EU);
        assertThat(loaded.routingKeys()).containsExactly(Map.entry(0,
                new SecretField(SecretRef.Source.ENV, "PD_KEY_DB")));
        assertThat(loaded.editsFrom(loaded)).isEmpty();
    }

    @Test
    void anInvalidValueIsRejectedByTheConfigReaderNamingItsField() {
        SettingsDraft draft = with("not an email", Map.of(0, new SecretField(SecretRef.Source.ENV, "pasted-key!")));

        Review review = settings.review(draft.editsFrom(loaded));

        assertThat(review.canSave()).isFalse();
        assertThat(review.errors()).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("pagerduty.from_email", "routes[0].routing_key_env");
        assertThat(review.errors()).extracting(ConfigError::message).anySatisfy(message ->
                assertThat(message).startsWith("expected an email address"));
        assertThat(review.errors()).extracting(e -> SettingsFields.of(e.path()))
                .containsExactlyInAnyOrder(SettingsFields.FROM_EMAIL, SettingsFields.routingKey(0));
    }

    @Test
    void savingWritesOnlyTheChangedKeysKeepsEveryCommentAndLeavesABackup() throws Exception {
        String before = Files.readString(file);
        List<ConfigTextEdit> edits = with("oncall@example.com",
                Map.of(0, new SecretField(SecretRef.Source.ENV, "PD_KEY_NEW"))).editsFrom(loaded);

        Review review = settings.review(edits);
        assertThat(review.canSave()).as(review.errors().toString()).isTrue();
        assertThat(review.diff()).containsExactly(
                "+ 10:   api_token_env: PD_API_TOKEN",
                "+ 11:   from_email: \"oncall@example.com\"",
                "- 18:     routing_key_env: PD_KEY_DB",
                "+ 20:     routing_key_env: PD_KEY_NEW");

        Saved saved = settings.save(edits);

        String after = Files.readString(file);
        assertThat(after).isEqualTo(before
                .replace("  api_url: https://api.eu.pagerduty.com\n", "  api_url: https://api.eu.pagerduty.com\n"
                        + "  api_token_env: PD_API_TOKEN\n  from_email: \"oncall@example.com\"\n")
                .replace("PD_KEY_DB", "PD_KEY_NEW"));
        assertThat(after).contains("# Payments on-call bridge. Ask #sre before changing.", "# the local leaf node",
                "# EU account since 2025", "# databases page the DBA rotation", "# everything else is only logged");
        assertThat(saved.backup()).isEqualTo(dir.resolve("klaxon.yaml.bak-20260304T050607Z"));
        assertThat(Files.readString(saved.backup())).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("klaxon.yaml", "klaxon.yaml.bak-20260304T050607Z");
        }
        KlaxonConfig reloaded = new ConfigLoader(dir).load(file);
        assertThat(reloaded.pagerduty().fromEmail()).isEqualTo("oncall@example.com");
        assertThat(reloaded.routes().get(0).routingKey()).isEqualTo(SecretRef.env("PD_KEY_NEW"));
    }

    @Test
    void anInvalidChangeIsNeverWritten() throws Exception {
        String before = Files.readString(file);
        List<ConfigTextEdit> edits = with("nope", loaded.routingKeys()).editsFrom(loaded);

        assertThatThrownBy(() -> settings.save(edits)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pagerduty.from_email");
        assertThat(Files.readString(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("klaxon.yaml");
        }
    }

    @Test
    void switchingNatsAuthenticationRemovesTheOtherMethodsKeys() {
        SettingsDraft token = new SettingsDraft(loaded.servers(), NatsAuthMethod.TOKEN,
                new SecretField(SecretRef.Source.ENV, "NATS_TOKEN"), null, null, null, null, loaded.region(),
                loaded.apiToken(), loaded.fromEmail(), loaded.routingKeys());
        SettingsDraft user = new SettingsDraft(loaded.servers(), NatsAuthMethod.USER_PASSWORD, null, "bridge",
                new SecretField(SecretRef.Source.ENV, "NATS_PASSWORD"), null, null, loaded.region(),
                loaded.apiToken(), loaded.fromEmail(), loaded.routingKeys());

        assertThat(user.editsFrom(token)).extracting(ConfigTextEdit::describe).containsExactly(
                "remove nats.token_env", "remove nats.token_file", "remove nats.password_file",
                "remove nats.creds_file", "remove nats.nkey_seed_file", "nats.user = bridge",
                "nats.password_env = NATS_PASSWORD");
    }
}
