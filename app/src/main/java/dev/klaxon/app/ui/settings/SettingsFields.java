package dev.klaxon.app.ui.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which field of the settings form a config error belongs to, from the key path the config reader names, so the
 * message can stand beside the field the operator typed into.
 */
public final class SettingsFields {
    public static final String SERVERS = "nats.servers";
    public static final String NATS_AUTH = "nats.auth";
    public static final String REGION = "pagerduty.region";
    public static final String API_TOKEN = "pagerduty.api_token";
    public static final String FROM_EMAIL = "pagerduty.from_email";
    private static final Pattern NATS_AUTH_KEY = Pattern.compile("nats\\.(token|user|password|creds_file|nkey_seed_file)"
            + "(_env|_file)?");
    private static final Pattern ROUTE = Pattern.compile("routes\\[(\\d+)](\\.routing_key(_env|_file)?)?");

    private SettingsFields() {
    }

    /** The field for a route's routing key: {@code routes[2].routing_key}. */
    public static String routingKey(int route) {
        return "routes[" + route + "].routing_key";
    }

    /** The form field an error's path belongs to; null for an error no field of the form can fix. */
    public static String of(String path) {
        if (path.equals(SERVERS) || path.startsWith(SERVERS + "[")) {
            return SERVERS;
        }
        if (NATS_AUTH_KEY.matcher(path).matches()) {
            return NATS_AUTH;
        }
        if (path.equals("pagerduty.events_url") || path.equals("pagerduty.api_url")) {
            return REGION;
        }
        if (path.startsWith(API_TOKEN)) {
            return API_TOKEN;
        }
        if (path.equals(FROM_EMAIL)) {
            return FROM_EMAIL;
        }
        Matcher route = ROUTE.matcher(path);
        return route.matches() ? routingKey(Integer.parseInt(route.group(1))) : null;
    }
}
