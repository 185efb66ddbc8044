package dev.klaxon.engine;

import dev.klaxon.audit.AuditLog;
import dev.klaxon.config.DeliveryConfig;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.delivery.DeliveryService;
import dev.klaxon.outbox.Backoff;
import dev.klaxon.outbox.Outbox;
import dev.klaxon.outbox.RoutingKeyBudget;
import dev.klaxon.pagerduty.EventsApiClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

/** Builds the delivery service from the config's {@code pagerduty:} settings. */
final class Delivery {
    private static final Duration BUDGET_WINDOW = Duration.ofMinutes(1);

    private Delivery() {
    }

    static DeliveryService service(KlaxonConfig config, Clock clock, EngineOptions options, Outbox outbox,
                                   AuditLog audit) {
        DeliveryConfig delivery = config.pagerduty().delivery();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(delivery.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        EventsApiClient client = new EventsApiClient(config.pagerduty().eventsUrl(), http, delivery.requestTimeout(),
                clock);
        return new DeliveryService(outbox, client, new RoutingKeyBudget(delivery.budgetPerMinute(), BUDGET_WINDOW),
                new Backoff(delivery.retryBase(), delivery.retryCap()), delivery.maxInFlight(),
                options.environment(), clock, audit, new SplittableRandom());
    }
}
