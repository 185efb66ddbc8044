package dev.klaxon.config;

import dev.klaxon.secret.SecretRef;
import java.net.URI;

/** The {@code pagerduty:} section. {@code apiToken} and {@code fromEmail} are null when not configured. */
public record PagerDutyConfig(URI eventsUrl, URI apiUrl, SecretRef apiToken, String fromEmail,
                              DeliveryConfig delivery) {
    public static final URI DEFAULT_EVENTS_URL = URI.create("https://events.pagerduty.com/v2/enqueue");
    public static final URI DEFAULT_API_URL = URI.create("https://api.pagerduty.com");

    public static PagerDutyConfig defaults() {
        return new PagerDutyConfig(DEFAULT_EVENTS_URL, DEFAULT_API_URL, null, null, DeliveryConfig.defaults());
    }
}
