package dev.klaxon.app.ui.settings;

import dev.klaxon.config.PagerDutyConfig;
import java.net.URI;

/** PagerDuty's service regions, each a pair of API URLs; CUSTOM is any other pair (a proxy, a test double). */
public enum PagerDutyRegion {
    US("US", PagerDutyConfig.DEFAULT_EVENTS_URL, PagerDutyConfig.DEFAULT_API_URL),
    EU("EU", URI.create("https://events.eu.pagerduty.com/v2/enqueue"), URI.create("https://api.eu.pagerduty.com")),
    CUSTOM("Custom URLs", null, null);

    private final String label;
    private final URI eventsUrl;
    private final URI apiUrl;

    PagerDutyRegion(String label, URI eventsUrl, URI apiUrl) {
        this.label = label;
        this.eventsUrl = eventsUrl;
        this.apiUrl = apiUrl;
    }

    public static PagerDutyRegion of(URI eventsUrl, URI apiUrl) {
        for (PagerDutyRegion region : new PagerDutyRegion[] {US, EU}) {
            if (same(region.eventsUrl, eventsUrl) && same(region.apiUrl, apiUrl)) {
                return region;
            }
        }
        return CUSTOM;
    }

    private static boolean same(URI expected, URI actual) {
        return actual != null && expected.toString().equals(actual.toString().replaceAll("/+$", ""));
    }

    /** Null for CUSTOM. */
    public URI eventsUrl() {
        return eventsUrl;
    }

    /** Null for CUSTOM. */
    public URI apiUrl() {
        return apiUrl;
    }

    @Override
    public String toString() {
        return label;
    }
}
