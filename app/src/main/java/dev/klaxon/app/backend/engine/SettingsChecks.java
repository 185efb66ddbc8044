package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.SettingsBackend.CheckResult;
import dev.klaxon.config.ConfigError;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.delivery.RoutingKeyPreflight;
import dev.klaxon.nats.NatsConnectionCheck;
import dev.klaxon.pagerduty.rest.ApiToken;
import dev.klaxon.pagerduty.rest.Listing;
import dev.klaxon.pagerduty.rest.PagerDutyRestClient;
import dev.klaxon.pagerduty.rest.RestResult;
import dev.klaxon.pagerduty.rest.ServiceSummary;
import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.SecretRef;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The settings view's "Test" buttons. Each blocks for a few seconds at most: call them off the FX thread. What they
 * say names settings and references, never a secret's value. No event is ever sent to PagerDuty: routing keys are
 * only read and checked for shape.
 */
public final class SettingsChecks {
    static final Duration NATS_TIMEOUT = Duration.ofSeconds(3);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(8);

    private final UnaryOperator<String> environment;
    private final Clock clock;

    public SettingsChecks(UnaryOperator<String> environment, Clock clock) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One connect attempt per configured server with the configured authentication, then disconnects. */
    public CheckResult nats(NatsConfig nats) {
        NatsConnectionCheck.Result result = new NatsConnectionCheck(environment, NATS_TIMEOUT, clock).check(nats);
        return new CheckResult(result.ok(), result.message());
    }

    /** One authenticated GET (the first page of services) with the configured API token. */
    public CheckResult pagerDuty(PagerDutyConfig pagerduty) {
        SecretRef ref = pagerduty.apiToken();
        if (ref == null) {
            return new CheckResult(false, "no API token configured: set pagerduty.api_token_env or api_token_file");
        }
        String key = ref.source() == SecretRef.Source.ENV ? "pagerduty.api_token_env" : "pagerduty.api_token_file";
        ApiToken token;
        try {
            token = ApiToken.of(ref.resolve(environment));
        } catch (SecretRef.SecretUnavailableException | IllegalArgumentException e) {
            return new CheckResult(false, key + ": " + e.getMessage());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        PagerDutyRestClient client = new PagerDutyRestClient(pagerduty.apiUrl(), token, pagerduty.fromEmail(), http,
                HTTP_TIMEOUT, clock, 1);
        try {
            RestResult<Listing<ServiceSummary>> result = client.listServices();
            if (result instanceof RestResult.Ok<Listing<ServiceSummary>> ok) {
                int services = ok.value().items().size();
                return new CheckResult(true, "the API token works at " + pagerduty.apiUrl().getHost() + ": "
                        + services + (ok.value().truncated() ? "+" : "") + " service(s) visible");
            }
            RestResult.Failure<Listing<ServiceSummary>> failure = (RestResult.Failure<Listing<ServiceSummary>>) result;
            String status = failure.httpStatus() == RestResult.Failure.NO_RESPONSE ? "no response"
                    : "HTTP " + failure.httpStatus();
            return new CheckResult(false, pagerduty.apiUrl().getHost() + " refused (" + status + "): "
                    + failure.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult(false, "interrupted");
        }
    }

    /**
     * Reads each live route's routing key where the config says it is and checks its shape, as Klaxon does before it
     * starts; nothing is sent.
     */
    public CheckResult routingKeys(KlaxonConfig config) {
        List<ConfigError> problems = RoutingKeyPreflight.check(config, environment);
        if (!problems.isEmpty()) {
            return new CheckResult(false, problems.stream().map(ConfigError::render).collect(Collectors.joining("\n")));
        }
        List<RouteRule> live = config.routes().stream()
                .filter(rule -> rule.action().sendsEvent() && !rule.shadow() && rule.routingKey() != null).toList();
        if (live.isEmpty()) {
            return new CheckResult(true, "no live route sends events, so no routing key is needed (shadow routes "
                    + "never send)");
        }
        return new CheckResult(true, live.size() + " routing key(s) readable and " + RoutingKeyPreflight.ROUTING_KEY_LENGTH
                + " characters long: " + live.stream().map(rule -> "routes[" + rule.index() + "] ("
                + reference(rule.routingKey()) + ")")
                .collect(Collectors.joining(", ")));
    }

    private static String reference(SecretRef ref) {
        return (ref.source() == SecretRef.Source.ENV ? "env " : "file ") + ref.reference();
    }
}
