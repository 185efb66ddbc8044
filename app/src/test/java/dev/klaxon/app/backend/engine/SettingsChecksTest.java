package dev.klaxon.app.backend.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.app.backend.SettingsBackend.CheckResult;
import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.secret.SecretRef;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PagerDuty and routing key checks of the settings view, against the PagerDuty double; nothing is paged. */
class SettingsChecksTest {
    private static final Map<String, String> ENV = Map.of("PD_API_TOKEN", PagerDutySimulator.API_TOKEN,
            "WRONG_TOKEN", "not-the-api-token", "PD_KEY", "0123456789abcdef0123456789abcdef", "SHORT_KEY", "abc");
    private final SettingsChecks checks = new SettingsChecks(ENV::get, Clock.systemUTC());

    private static PagerDutyConfig pagerDuty(PagerDutySimulator pd, String tokenVariable) {
        PagerDutyConfig defaults = PagerDutyConfig.defaults();
        return new PagerDutyConfig(pd.eventsUrl(), pd.apiUrl(), SecretRef.env(tokenVariable), null,
                defaults.delivery());
    }

    @Test
    void theApiTokenIsTriedWithOneReadAndARefusalSaysWhy() {
        try (PagerDutySimulator pd = PagerDutySimulator.start()) {
            CheckResult ok = checks.pagerDuty(pagerDuty(pd, "PD_API_TOKEN"));
            assertThat(ok.ok()).as(ok.message()).isTrue();
            assertThat(ok.message()).startsWith("the API token works at 127.0.0.1: ").endsWith("service(s) visible");

            CheckResult refused = checks.pagerDuty(pagerDuty(pd, "WRONG_TOKEN"));
            assertThat(refused.ok()).isFalse();
            assertThat(refused.message()).startsWith("127.0.0.1 refused (HTTP 401)")
                    .doesNotContain("not-the-api-token");
            assertThat(pd.acceptedEvents()).isEmpty();
        }
    }

    @Test
    void aMissingTokenVariableIsNamed() {
        CheckResult result = checks.pagerDuty(new PagerDutyConfig(PagerDutyConfig.DEFAULT_EVENTS_URL,
                PagerDutyConfig.DEFAULT_API_URL, SecretRef.env("NOT_SET"), null,
                PagerDutyConfig.defaults().delivery()));

        assertThat(result).isEqualTo(new CheckResult(false,
                "pagerduty.api_token_env: environment variable NOT_SET is not set"));
    }

    @Test
    void routingKeysAreReadAndCheckedForShapeNeverSent() throws Exception {
        KlaxonConfig good = new ConfigLoader().parse("""
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_KEY
                """, null);
        KlaxonConfig bad = new ConfigLoader().parse("""
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: SHORT_KEY
                """, null);

        assertThat(checks.routingKeys(good)).isEqualTo(new CheckResult(true,
                "1 routing key(s) readable and 32 characters long: routes[0] (env PD_KEY)"));
        CheckResult result = checks.routingKeys(bad);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("routes[0].routing_key_env: the routing key is 3 characters; "
                + "PagerDuty integration keys are 32 (line 2)");
    }
}
