package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of mistake: each checks the exact message a user sees, with key path and line. */
class ConfigErrorMessagesTest {

    @TempDir
    Path tempDir;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(tempDir);
    }

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        assertThat(fixture.errors("""
                nats:
                  subjects: ["alerts.>"]
                  sevrers: ["nats://127.0.0.1:4222"]
                """)).containsExactly("nats.sevrers: unknown key; did you mean \"servers\"? (line 3)");
    }

    @Test
    void aFileOfLinesThatAreNotKeysIsNeverShownBack() {
        // What --config /etc/shadow (or a symlink to it) looks like to YAML: one mapping key per line.
        List<String> errors = fixture.errors("""
                root:$6$Zm9vYmFy$c2VjcmV0aGFzaA:19000:0:99999:7:::
                daemon:*:19000:0:99999:7:::
                """);

        assertThat(errors).containsExactly(
                "a key that is not a known key name (not shown: keys are short names of letters, digits and _); is "
                        + "this the right file? (line 1)",
                "a key that is not a known key name (not shown: keys are short names of letters, digits and _); is "
                        + "this the right file? (line 2)");
        assertThat(String.join("\n", errors)).doesNotContain("c2VjcmV0aGFzaA", "root", "daemon");
    }

    @Test
    void unknownKeyWithNothingCloseListsTheValidKeys() {
        assertThat(fixture.errors("""
                storage:
                  location: /tmp
                """)).containsExactly("storage.location: unknown key; valid keys here are audit_chain_key_file, audit_retention, dir (line 2)");
    }

    @Test
    void unknownTopLevelSection() {
        assertThat(fixture.errors("""
                nats: {}
                rotues: []
                """)).containsExactly("rotues: unknown key; did you mean \"routes\"? (line 2)");
    }

    @Test
    void wrongTypeForAList() {
        assertThat(fixture.errors("""
                nats:
                  subjects: ["alerts.>"]
                  servers: 4222
                """)).containsExactly("nats.servers: expected a list of strings, got a number (line 3)");
    }

    @Test
    void wrongTypeForAListElement() {
        assertThat(fixture.errors("""
                nats:
                  servers:
                    - nats://127.0.0.1:4222
                    - { host: b.example }
                """)).containsExactly("nats.servers[1]: expected a string, got a mapping (line 4)");
    }

    @Test
    void wrongTypeForASection() {
        assertThat(fixture.errors("""
                storage: /var/lib/klaxon
                """)).containsExactly("storage: expected a mapping of audit_chain_key_file, audit_retention, dir, got a string (line 1)");
    }

    @Test
    void wrongTypeForABoolean() {
        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.>"
                    action: log
                    shadow: "yes please"
                """)).containsExactly("routes[0].shadow: expected true or false, got a string (line 4)");
    }

    @Test
    void emptyString() {
        assertThat(fixture.errors("""
                nats:
                  queue_group: ""
                """)).containsExactly("nats.queue_group: must not be empty (line 2)");
    }

    @Test
    void deliverySettingsOutOfRange() {
        assertThat(fixture.errors("""
                pagerduty:
                  budget_per_minute: 0
                  max_in_flight: many
                  retry: { base: 10s, cap: 1s }
                  request_timeout: 0s
                storage:
                  audit_retention: 2h
                """)).containsExactly(
                "pagerduty.budget_per_minute: expected a whole number from 1 to 100000, got 0 (line 2)",
                "pagerduty.max_in_flight: expected a whole number from 1 to 64, got a string (line 3)",
                "pagerduty.retry.cap: retry cap 1s is shorter than the base 10s (line 4)",
                "pagerduty.request_timeout: must be longer than 0, got \"0s\" (line 5)",
                "storage.audit_retention: must be at least 1d, got \"2h\" (line 7)");
    }

    @Test
    void queueGroupWithSpaces() {
        assertThat(fixture.errors("""
                nats:
                  queue_group: klaxon bridge
                """)).containsExactly("nats.queue_group: must not contain spaces, got \"klaxon bridge\" (line 2)");
    }

    @Test
    void serverWithAnUnsupportedScheme() {
        assertThat(fixture.errors("""
                nats:
                  servers: ["http://nats.example:4222"]
                """)).containsExactly("nats.servers[0]: unsupported scheme \"http\"; expected a nats://, tls://, "
                + "ws:// or wss:// URL, or host:port (line 2)");
    }

    @Test
    void serverUrlWithCredentialsIsRefusedWithoutEchoingThem() {
        assertThat(fixture.errors("""
                nats:
                  servers: ["nats://klaxon:hunter2@nats.example:4222"]
                """)).containsExactly("nats.servers[0]: credentials in a server URL are not allowed; use user with "
                + "password_env or password_file, or token_env (line 2)");
    }

    @Test
    void emptyServerList() {
        assertThat(fixture.errors("""
                nats:
                  servers: []
                """)).containsExactly("nats.servers: needs at least one server (line 2)");
    }

    @Test
    void invalidSubscriptionSubjectCarriesSubjectPatternsMessage() {
        assertThat(fixture.errors("""
                nats:
                  subjects:
                    - "alerts.>"
                    - "alerts..db"
                """)).containsExactly("nats.subjects[1]: empty token in \"alerts..db\" (line 4)");
    }

    @Test
    void invalidRouteMatchCarriesSubjectPatternsMessage() {
        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.prod.>"
                    action: log
                  - match: "alerts.staging.>"
                    action: log
                  - match: "alerts..db"
                    action: drop
                """)).containsExactly("routes[2].match: empty token in \"alerts..db\" (line 6)");
    }

    @Test
    void invalidDedupKeyTemplateCarriesTheTemplatesMessage() {
        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.>"
                    action: log
                    dedup_key: "{subject"
                """)).singleElement().asString()
                .startsWith("routes[0].dedup_key: ")
                .contains("\"{subject\"")
                .endsWith(" (line 4)");
    }

    @Test
    void routeWithoutMatchOrAction() {
        assertThat(fixture.errors("""
                routes:
                  - shadow: true
                """)).containsExactly(
                "routes[0].match: required; a subject pattern such as \"alerts.prod.>\" (line 2)",
                "routes[0].action: required; one of page, change, log or drop (line 2)");
    }

    @Test
    void unknownAction() {
        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.>"
                    action: alert
                """)).containsExactly("routes[0].action: expected page, change, log or drop, got \"alert\" (line 3)");
    }

    @Test
    void pageWithoutRoutingKeyUnlessShadow() {
        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.prod.>"
                    action: page
                  - match: "alerts.test.>"
                    action: page
                    shadow: true
                  - match: "deploys.>"
                    action: change
                """)).containsExactly("routes[0]: action page needs routing_key_env or routing_key_file (or "
                + "shadow: true, which renders the event but never sends it) (line 2)",
                "routes[2]: action change needs routing_key_env or routing_key_file (or shadow: true, which renders "
                        + "the event but never sends it) (line 7)");
    }

    @Test
    void requireSignatureNeedsASecretReferenceAndNeverTheSecret() {
        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.pay.>"
                    action: log
                    require_signature: {}
                  - match: "alerts.ops.>"
                    action: log
                    require_signature:
                      secret: hunter2
                  - match: "alerts.x.>"
                    action: log
                    require_signature: { secret_env: "not a name" }
                """)).containsExactly(
                "routes[0].require_signature: needs secret_env or secret_file: where the publishers' shared HMAC "
                        + "secret comes from (line 4)",
                "routes[1].require_signature.secret: secrets are not allowed in the config file; use secret_env or "
                        + "secret_file (line 8)",
                "routes[1].require_signature: needs secret_env or secret_file: where the publishers' shared HMAC "
                        + "secret comes from (line 8)",
                "routes[2].require_signature.secret_env: expected the name of an environment variable (letters, "
                        + "digits and _), not its value (line 11)");
    }

    @Test
    void inhibitRulesNeedBothPatternsAndAKnownSeverity() {
        assertThat(fixture.errors("""
                guards:
                  inhibit:
                    - while: "alerts.prod.dc1.down"
                    - while: "alerts..down"
                      hold: "alerts.prod.>"
                      below: urgent
                    - "alerts.>"
                """)).containsExactly(
                "guards.inhibit[0].hold: required; a subject pattern such as \"alerts.prod.dc1.>\" (line 3)",
                "guards.inhibit[1].while: empty token in \"alerts..down\" (line 4)",
                "guards.inhibit[1].below: unknown severity \"urgent\"; expected critical, error, warning or info "
                        + "(line 6)",
                "guards.inhibit[2]: expected an inhibit rule (a mapping with while, hold and below), got a string "
                        + "(line 7)");
    }

    @Test
    void unknownSeverityListsTheValidOnes() {
        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.>"
                    action: log
                    severity: urgent
                """)).containsExactly("routes[0].severity: unknown severity \"urgent\"; expected critical, error, "
                + "warning or info (aliases such as fatal, warn or p1 work too) (line 4)");
    }

    @Test
    void routeEntryThatIsNotAMapping() {
        assertThat(fixture.errors("""
                routes:
                  - "alerts.>"
                """)).containsExactly(
                "routes[0]: expected a rule (a mapping with match and action), got a string (line 2)");
    }

    @Test
    void routesThatAreNotAList() {
        assertThat(fixture.errors("""
                routes:
                  match: "alerts.>"
                """)).containsExactly("routes: expected a list of rules, got a mapping (line 2)");
    }

    @Test
    void literalSecretsAreRefusedEverywhere() {
        assertThat(fixture.errors("""
                nats:
                  user: klaxon
                  password: hunter2
                pagerduty:
                  api_token: u+abcdefg
                routes:
                  - match: "alerts.>"
                    action: page
                    routing_key: R0123456789
                """)).containsExactly(
                "nats.user: needs password_env or password_file as well (line 2)",
                "nats.password: secrets are not allowed in the config file; use password_env or password_file "
                        + "(line 3)",
                "pagerduty.api_token: secrets are not allowed in the config file; use api_token_env or "
                        + "api_token_file (line 5)",
                "routes[0]: action page needs routing_key_env or routing_key_file (or shadow: true, which renders "
                        + "the event but never sends it) (line 7)",
                "routes[0].routing_key: secrets are not allowed in the config file; use routing_key_env or "
                        + "routing_key_file (line 9)");
    }

    @Test
    void literalTokenIsRefusedWithTheExactWording() {
        assertThat(fixture.errors("""
                nats:
                  servers: ["nats://127.0.0.1:4222"]
                  subjects: ["alerts.>"]
                  queue_group: klaxon
                  token: s3cr3t
                """)).containsExactly(
                "nats.token: secrets are not allowed in the config file; use token_env or token_file (line 5)");
    }

    @Test
    void noErrorMessageContainsASecretValue() {
        String secret = "s3cr3t-VALUE-42";
        assertThat(fixture.errors("""
                nats:
                  token: %1$s
                  token_env: %1$s
                  servers: ["nats://me:%1$s@nats.example:4222"]
                pagerduty:
                  api_token: %1$s
                routes:
                  - match: "alerts.>"
                    action: page
                    routing_key: %1$s
                    routing_key_env: "%1$s"
                """.formatted(secret))).isNotEmpty().noneMatch(message -> message.contains(secret));
    }

    @Test
    void environmentVariableNameThatLooksLikeAValue() {
        assertThat(fixture.errors("""
                pagerduty:
                  api_token_env: "u+Abc-123/xyz"
                """)).containsExactly("pagerduty.api_token_env: expected the name of an environment variable "
                + "(letters, digits and _), not its value (line 2)");
    }

    @Test
    void bothEnvAndFileForOneSecret() {
        fixture.writeInConfigDir("token", "t");
        assertThat(fixture.errors("""
                nats:
                  token_env: NATS_TOKEN
                  token_file: token
                """)).containsExactly("nats.token_file: give token_env or token_file, not both (line 3)");
    }

    @Test
    void twoAuthenticationMethodsNameBothKeys() {
        fixture.writeInConfigDir("klaxon.creds", "creds");
        assertThat(fixture.errors("""
                nats:
                  token_env: NATS_TOKEN
                  creds_file: klaxon.creds
                """)).containsExactly("nats.creds_file: only one authentication method may be given, but token_env "
                + "is also set on line 2 (line 3)");
    }

    @Test
    void threeAuthenticationMethodsReportEachExtraOne() {
        fixture.writeInConfigDir("klaxon.nk", "seed");
        assertThat(fixture.errors("""
                nats:
                  nkey_seed_file: klaxon.nk
                  user: klaxon
                  password_env: NATS_PASSWORD
                  token_env: NATS_TOKEN
                """)).containsExactly(
                "nats.user: only one authentication method may be given, but nkey_seed_file is also set on line 2 "
                        + "(line 3)",
                "nats.token_env: only one authentication method may be given, but nkey_seed_file is also set on "
                        + "line 2 (line 5)");
    }

    @Test
    void passwordWithoutUser() {
        assertThat(fixture.errors("""
                nats:
                  password_env: NATS_PASSWORD
                """)).containsExactly("nats.password_env: needs user as well (line 2)");
    }

    @Test
    void missingReferencedFileNamesTheKeyAndTheResolvedPath() {
        Path expected = fixture.configDir.resolve("missing.creds");
        assertThat(fixture.errors("""
                nats:
                  creds_file: missing.creds
                """)).containsExactly("nats.creds_file: file not found: " + expected + " (line 2)");
    }

    @Test
    void referencedFileThatIsADirectory() {
        fixture.writeInConfigDir("certs/ca.pem/inside", "x");
        Path expected = fixture.configDir.resolve("certs/ca.pem");
        assertThat(fixture.errors("""
                nats:
                  tls:
                    ca_file: certs/ca.pem
                """)).containsExactly("nats.tls.ca_file: is a directory, expected a file: " + expected + " (line 3)");
    }

    @Test
    void missingSecretFile() {
        Path expected = fixture.configDir.resolve("pd-key");
        assertThat(fixture.errors("""
                routes:
                  - match: "alerts.>"
                    action: page
                    routing_key_file: pd-key
                """)).containsExactly("routes[0].routing_key_file: file not found: " + expected + " (line 4)");
    }

    @Test
    void tlsCertificateWithoutKeyAndKeyWithoutCertificate() {
        fixture.writeInConfigDir("client.pem", "cert");
        fixture.writeInConfigDir("client.key", "key");
        assertThat(fixture.errors("""
                nats:
                  tls: { cert_file: client.pem }
                """)).containsExactly("nats.tls.cert_file: needs key_file as well (line 2)");
        assertThat(fixture.errors("""
                nats:
                  tls: { key_file: client.key }
                """)).containsExactly("nats.tls.key_file: needs cert_file as well (line 2)");
    }

    @Test
    void tlsKeyPasswordFollowsTheSecretConventions() {
        fixture.writeInConfigDir("ca.pem", "cert");
        fixture.writeInConfigDir("key-passphrase", "secret");
        assertThat(fixture.errors("""
                nats:
                  tls:
                    ca_file: ca.pem
                    key_password_file: key-passphrase
                """)).containsExactly("nats.tls.key_password_file: needs key_file as well (line 4)");
        assertThat(fixture.errors("""
                nats:
                  tls:
                    ca_file: ca.pem
                    key_password_env: "hunter2 is my passphrase"
                """)).containsExactly("nats.tls.key_password_env: expected the name of an environment variable "
                + "(letters, digits and _), not its value (line 4)");
        Path missing = fixture.configDir.resolve("no-such-passphrase");
        assertThat(fixture.errors("""
                nats:
                  tls:
                    ca_file: ca.pem
                    key_password_file: no-such-passphrase
                """)).containsExactly("nats.tls.key_password_file: file not found: " + missing + " (line 4)");
    }

    @Test
    void tildeUserPathsAreRefused() {
        assertThat(fixture.errors("""
                storage:
                  dir: ~bob/klaxon
                """)).containsExactly("storage.dir: only ~ (your home) is supported at the start of a path, not "
                + "~user; got \"~bob/klaxon\" (line 2)");
    }

    @Test
    void pagerDutyUrlThatIsNotAbsoluteHttp() {
        assertThat(fixture.errors("""
                pagerduty:
                  events_url: events.pagerduty.com/v2/enqueue
                  api_url: ftp://api.pagerduty.com
                """)).containsExactly(
                "pagerduty.events_url: expected an absolute http(s) URL such as "
                        + "https://events.pagerduty.com/v2/enqueue, got \"events.pagerduty.com/v2/enqueue\" (line 2)",
                "pagerduty.api_url: expected an absolute http(s) URL such as https://api.pagerduty.com, got "
                        + "\"ftp://api.pagerduty.com\" (line 3)");
    }

    @Test
    void fromEmailThatIsNotAnEmail() {
        assertThat(fixture.errors("""
                pagerduty:
                  from_email: oncall
                """)).containsExactly(
                "pagerduty.from_email: expected an email address such as oncall@example.com, got \"oncall\" "
                        + "(line 2)");
    }

    @Test
    void badDuration() {
        assertThat(fixture.errors("""
                guards:
                  dedup_window: 5 minutes
                """)).containsExactly("guards.dedup_window: expected a duration such as 5m (units ms, s, m, h, d), "
                + "got \"5 minutes\" (line 2)");
    }

    @Test
    void durationWithoutUnit() {
        assertThat(fixture.errors("""
                guards:
                  dedup_window: 300
                """)).containsExactly("guards.dedup_window: expected a duration such as 5m (units ms, s, m, h, d), "
                + "got a number (line 2)");
    }

    @Test
    void zeroDedupWindow() {
        assertThat(fixture.errors("""
                guards:
                  dedup_window: 0s
                """)).containsExactly("guards.dedup_window: must be longer than 0, got \"0s\" (line 2)");
    }

    @Test
    void badFloodRates() {
        assertThat(fixture.errors("""
                guards:
                  dedup_window: 5m
                  flood:
                    per_subject: thirty
                    per_routing_key: 0/1m
                """)).containsExactly(
                "guards.flood.per_subject: expected COUNT/DURATION such as 30/1m, got \"thirty\" (line 4)",
                "guards.flood.per_routing_key: the count must be at least 1, got \"0/1m\" (line 5)");
    }

    @Test
    void floodRateWrittenAsANumber() {
        assertThat(fixture.errors("""
                guards:
                  flood: { per_subject: 30 }
                """)).containsExactly(
                "guards.flood.per_subject: expected COUNT/DURATION such as 30/1m, got a number (line 2)");
    }

    @Test
    void collectsEveryErrorOfAFileInLineOrder() {
        assertThat(fixture.errors("""
                guards:
                  dedup_window: soon
                nats:
                  sevrers: []
                routes:
                  - match: "alerts..db"
                    action: log
                """)).containsExactly(
                "guards.dedup_window: expected a duration such as 5m (units ms, s, m, h, d), got \"soon\" (line 2)",
                "nats.sevrers: unknown key; did you mean \"servers\"? (line 4)",
                "routes[0].match: empty token in \"alerts..db\" (line 6)");
    }
}
