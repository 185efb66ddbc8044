package dev.klaxon.pagerduty.rest;

import java.util.Objects;

/**
 * A resolved PagerDuty REST API token. It exists so the secret can travel from the config to the client without ever
 * being a plain {@code String} that a log line, exception or debugger view would show: {@link #toString()} is masked
 * and the value is readable only inside this package, where the {@code Authorization} header is built.
 */
public final class ApiToken {
    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException if blank or multi-line (a header-injection risk); the message omits the value */
    public static ApiToken of(String value) {
        Objects.requireNonNull(value, "value");
        String token = value.strip();
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the PagerDuty API token is empty or contains control characters");
        }
        return new ApiToken(token);
    }

    String authorizationHeader() {
        return "Token token=" + value;
    }

    @Override
    public String toString() {
        return "ApiToken[********]";
    }
}
