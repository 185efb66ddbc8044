package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.message.Severity;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.SecretRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tempDir;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(tempDir);
    }

    @Test
    void readsEveryKeyOfAFullConfig() throws Exception {
        Path ca = fixture.writeInConfigDir("tls/ca.pem", "ca");
        Path cert = fixture.writeInConfigDir("tls/client.pem", "cert");
        Path key = fixture.writeInConfigDir("tls/client.key", "key");
        Path dbKey = fixture.writeInConfigDir("db-routing-key", "secret");

        KlaxonConfig config = fixture.parse("""
                nats:
                  servers: ["nats://a.example:4222", "tls://b.example:4443", "c.example:4222"]
                  subjects: ["alerts.>", "ops.*.alert"]
                  queue_group: klaxon-bridge
                  token_env: NATS_TOKEN
                  tls: { ca_file: tls/ca.pem, cert_file: tls/client.pem, key_file: tls/client.key }
                pagerduty:
                  events_url: https://events.eu.pagerduty.com/v2/enqueue
                  api_url: https://api.eu.pagerduty.com
                  api_token_env: PD_API_TOKEN
                  from_email: oncall@example.com
                  budget_per_minute: 60
                  retry: { base: 2s, cap: 10m }
                  max_in_flight: 8
                  request_timeout: 5s
                storage:
                  dir: /var/lib/klaxon
                  audit_retention: 30d
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY_PROD
                    severity: fatal
                    dedup_key: "{subject}/{source}"
                  - match: "alerts.prod.db.*"
                    action: page
                    shadow: true
                    continue: true
                    routing_key_file: db-routing-key
                  - match: "alerts.staging.>"
                    action: log
                  - match: "alerts.*.heartbeat"
                    action: drop
                guards:
                  dedup_window: 10m
                  flood: { per_subject: 30/1m, per_routing_key: 100/1h }
                """);

        NatsConfig nats = config.nats();
        assertThat(nats.servers()).containsExactly("nats://a.example:4222", "tls://b.example:4443", "c.example:4222");
        assertThat(nats.subjects()).containsExactly("alerts.>", "ops.*.alert");
        assertThat(nats.queueGroup()).isEqualTo("klaxon-bridge");
        assertThat(nats.auth()).isEqualTo(new NatsAuth.Token(SecretRef.env("NATS_TOKEN")));
        assertThat(nats.tls()).isEqualTo(new TlsConfig(ca, cert, key));

        assertThat(config.pagerduty()).isEqualTo(new PagerDutyConfig(
                URI.create("https://events.eu.pagerduty.com/v2/enqueue"), URI.create("https://api.eu.pagerduty.com"),
                SecretRef.env("PD_API_TOKEN"), "oncall@example.com",
                new DeliveryConfig(60, Duration.ofSeconds(2), Duration.ofMinutes(10), 8, Duration.ofSeconds(5))));
        assertThat(config.storage().dir()).isEqualTo(Path.of("/var/lib/klaxon"));
        assertThat(config.storage().auditRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.guards()).isEqualTo(new GuardsConfig(Duration.ofMinutes(10),
                new RateLimit(30, Duration.ofMinutes(1)), new RateLimit(100, Duration.ofHours(1)), null, Severity.CRITICAL, false,
                List.of()));
        assertThat(config.source()).isEqualTo(fixture.configFile);

        List<RouteRule> routes = config.routes();
        assertThat(routes).hasSize(4);
        RouteRule prod = routes.get(0);
        assertThat(prod.index()).isZero();
        assertThat(prod.line()).isEqualTo(20);
        assertThat(prod.match().text()).isEqualTo("alerts.prod.>");
        assertThat(prod.action()).isEqualTo(RouteAction.PAGE);
        assertThat(prod.shadow()).isFalse();
        assertThat(prod.continueMatching()).isFalse();
        assertThat(prod.routingKey()).isEqualTo(SecretRef.env("PD_ROUTING_KEY_PROD"));
        assertThat(prod.severity()).as("fatal is an alias of critical").isEqualTo(Severity.CRITICAL);
        assertThat(prod.dedupKey().text()).isEqualTo("{subject}/{source}");

        RouteRule db = routes.get(1);
        assertThat(db.index()).isEqualTo(1);
        assertThat(db.line()).isEqualTo(25);
        assertThat(db.shadow()).isTrue();
        assertThat(db.continueMatching()).isTrue();
        assertThat(db.routingKey()).isEqualTo(SecretRef.file(dbKey.toString()));
        assertThat(db.severity()).isNull();
        assertThat(db.dedupKey()).isNull();

        assertThat(routes.get(2).action()).isEqualTo(RouteAction.LOG);
        assertThat(routes.get(2).routingKey()).isNull();
        assertThat(routes.get(3).action()).isEqualTo(RouteAction.DROP);
        assertThat(routes.get(3).line()).isEqualTo(32);
    }

    @Test
    void fillsDefaultsForEverySectionLeftOut() throws Exception {
        KlaxonConfig config = fixture.parse("""
                routes: []
                """);

        assertThat(config.nats().servers()).containsExactly("nats://127.0.0.1:4222");
        assertThat(config.nats().subjects()).containsExactly("alerts.>");
        assertThat(config.nats().queueGroup()).isNull();
        assertThat(config.nats().auth()).isEqualTo(new NatsAuth.None());
        assertThat(config.nats().tls()).isNull();
        assertThat(config.pagerduty()).isEqualTo(PagerDutyConfig.defaults());
        assertThat(config.storage().dir()).isEqualTo(fixture.home.resolve(".local/share/klaxon"));
        assertThat(config.guards()).isEqualTo(GuardsConfig.defaults());
        assertThat(config.routes()).isEmpty();
    }

    @Test
    void fillsDefaultsForKeysLeftOutOrLeftEmpty() throws Exception {
        KlaxonConfig config = fixture.parse("""
                nats:
                  queue_group:
                pagerduty:
                  from_email: oncall@example.com
                guards:
                  flood: { per_subject: 5/10s }
                routes:
                """);

        assertThat(config.nats().servers()).containsExactly("nats://127.0.0.1:4222");
        assertThat(config.nats().queueGroup()).as("a key with no value counts as left out").isNull();
        assertThat(config.pagerduty().eventsUrl()).isEqualTo(PagerDutyConfig.DEFAULT_EVENTS_URL);
        assertThat(config.pagerduty().apiUrl()).isEqualTo(PagerDutyConfig.DEFAULT_API_URL);
        assertThat(config.pagerduty().apiToken()).isNull();
        assertThat(config.guards().dedupWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.guards().floodPerSubject()).isEqualTo(new RateLimit(5, Duration.ofSeconds(10)));
        assertThat(config.guards().floodPerRoutingKey()).isNull();
        assertThat(config.routes()).isEmpty();
    }

    @Test
    void expandsTildeToTheInjectedHome() throws Exception {
        Files.createDirectories(fixture.home.resolve(".nats"));
        Path creds = Files.writeString(fixture.home.resolve(".nats/klaxon.creds"), "creds");

        KlaxonConfig config = fixture.parse("""
                nats:
                  creds_file: ~/.nats/klaxon.creds
                storage:
                  dir: ~/data/klaxon
                """);

        assertThat(config.nats().auth()).isEqualTo(new NatsAuth.CredsFile(creds));
        assertThat(config.storage().dir()).isEqualTo(fixture.home.resolve("data/klaxon"));
    }

    @Test
    void resolvesRelativePathsAgainstTheConfigFilesDirectory() throws Exception {
        Path seed = fixture.writeInConfigDir("keys/klaxon.nk", "seed");
        Path tokenFile = fixture.writeInConfigDir("../secrets/pd-token", "token");

        KlaxonConfig config = fixture.parse("""
                nats:
                  nkey_seed_file: keys/klaxon.nk
                pagerduty:
                  api_token_file: ../secrets/pd-token
                storage:
                  dir: state
                """);

        assertThat(config.nats().auth()).isEqualTo(new NatsAuth.NKeySeedFile(seed));
        assertThat(config.pagerduty().apiToken())
                .as("a file secret holds an absolute path, so reading it later does not depend on the working dir")
                .isEqualTo(SecretRef.file(tokenFile.normalize().toString()));
        assertThat(config.storage().dir()).isEqualTo(fixture.configDir.resolve("state"));
    }

    @Test
    void readsUserAndPasswordAuthentication() throws Exception {
        KlaxonConfig config = fixture.parse("""
                nats:
                  user: klaxon
                  password_env: NATS_PASSWORD
                """);

        assertThat(config.nats().auth())
                .isEqualTo(new NatsAuth.UserPassword("klaxon", SecretRef.env("NATS_PASSWORD")));
    }

    @Test
    void acceptsAnEmptyTlsMappingAsTlsWithTheDefaultTrustStore() throws Exception {
        KlaxonConfig config = fixture.parse("""
                nats:
                  tls: {}
                """);

        assertThat(config.nats().tls()).isEqualTo(new TlsConfig(null, null, null));
    }

    @Test
    void readsTheKeyPassphraseOfAnEncryptedTlsKey() throws Exception {
        Path cert = fixture.writeInConfigDir("tls/client.pem", "cert");
        Path key = fixture.writeInConfigDir("tls/client.key", "key");
        Path passphrase = fixture.writeInConfigDir("tls/client.key.pass", "secret");

        KlaxonConfig config = fixture.parse("""
                nats:
                  tls:
                    cert_file: tls/client.pem
                    key_file: tls/client.key
                    key_password_file: tls/client.key.pass
                """);

        assertThat(config.nats().tls())
                .isEqualTo(new TlsConfig(null, cert, key, SecretRef.file(passphrase.toString())));
    }

    @Test
    void acceptsASingleServerWrittenAsAStringAndBareHostPort() throws Exception {
        KlaxonConfig config = fixture.parse("""
                nats:
                  servers: nats_1:4222
                """);

        assertThat(config.nats().servers()).containsExactly("nats_1:4222");
    }

    @Test
    void doesNotRequireEnvironmentVariablesToBeSetAtLoadTime() throws Exception {
        KlaxonConfig config = fixture.parse("""
                routes:
                  - match: "alerts.>"
                    action: page
                    routing_key_env: KLAXON_TEST_VARIABLE_THAT_IS_NEVER_SET
                """);

        assertThat(config.routes().get(0).routingKey())
                .isEqualTo(SecretRef.env("KLAXON_TEST_VARIABLE_THAT_IS_NEVER_SET"));
    }

    @Test
    void loadsAFileAndNamesItAsTheSource() throws Exception {
        Path file = fixture.writeInConfigDir("klaxon.yaml", """
                nats:
                  subjects: ["ops.>"]
                """);

        KlaxonConfig config = fixture.loader.load(file);

        assertThat(config.nats().subjects()).containsExactly("ops.>");
        assertThat(config.source()).isEqualTo(file);
    }

    @Test
    void acceptsYamlAliasesWithinTheLimit() throws Exception {
        KlaxonConfig config = fixture.parse("""
                nats:
                  subjects: &subjects ["alerts.>"]
                routes:
                  - match: "alerts.prod.>"
                    action: &log log
                  - match: "alerts.staging.>"
                    action: *log
                """);

        assertThat(config.routes()).extracting(RouteRule::action).containsExactly(RouteAction.LOG, RouteAction.LOG);
    }
}
