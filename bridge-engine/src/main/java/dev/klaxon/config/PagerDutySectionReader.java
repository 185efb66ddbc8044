package dev.klaxon.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code pagerduty:} section. */
final class PagerDutySectionReader {

    static final Set<String> KEYS = Set.of("events_url", "api_url", "api_token_env", "api_token_file", "from_email",
            "budget_per_minute", "retry", "max_in_flight", "request_timeout");
    private static final Set<String> RETRY_KEYS = Set.of("base", "cap");
    static final Set<String> LITERAL_SECRETS = Set.of("api_token");

    // Loose on purpose: PagerDuty decides what a valid user is; this only catches values that are clearly not email.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    private final ConfigErrors errors;
    private final FileReferences files;

    PagerDutySectionReader(ConfigErrors errors, FileReferences files) {
        this.errors = errors;
        this.files = files;
    }

    PagerDutyConfig read(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return PagerDutyConfig.defaults();
        }
        YamlMap pagerduty = section.get();
        return new PagerDutyConfig(
                url(pagerduty, "events_url").orElse(PagerDutyConfig.DEFAULT_EVENTS_URL),
                url(pagerduty, "api_url").orElse(PagerDutyConfig.DEFAULT_API_URL),
                files.secret(pagerduty, "api_token").map(Located::value).orElse(null),
                fromEmail(pagerduty),
                delivery(pagerduty));
    }

    private DeliveryConfig delivery(YamlMap pagerduty) {
        DeliveryConfig defaults = DeliveryConfig.defaults();
        Optional<YamlMap> retry = pagerduty.mapping("retry", RETRY_KEYS);
        Optional<Located<Duration>> base = retry.flatMap(r -> duration(r, "base"));
        Optional<Located<Duration>> cap = retry.flatMap(r -> duration(r, "cap"));
        Duration baseValue = base.map(Located::value).orElse(defaults.retryBase());
        Duration capValue = cap.map(Located::value).orElse(defaults.retryCap());
        if (capValue.compareTo(baseValue) < 0) {
            Located<?> culprit = cap.isPresent() ? cap.get() : base.get();
            errors.add(culprit.path(), "retry cap " + DurationText.format(capValue) + " is shorter than the base "
                    + DurationText.format(baseValue), culprit.line());
        }
        return new DeliveryConfig(
                pagerduty.integer("budget_per_minute", 1, 100_000).map(Located::value)
                        .orElse(defaults.budgetPerMinute()),
                baseValue,
                capValue,
                pagerduty.integer("max_in_flight", 1, 64).map(Located::value).orElse(defaults.maxInFlight()),
                duration(pagerduty, "request_timeout").map(Located::value).orElse(defaults.requestTimeout()));
    }

    private static Optional<Located<Duration>> duration(YamlMap map, String key) {
        return map.parsed(key, DurationText.EXPECTED, text -> {
            Duration duration = DurationText.parse(text);
            if (duration.isZero()) {
                throw new IllegalArgumentException("must be longer than 0, got \"" + text + "\"");
            }
            return duration;
        });
    }

    private Optional<URI> url(YamlMap pagerduty, String key) {
        return pagerduty.string(key).flatMap(text -> {
            Optional<URI> url = httpUrl(text.value().strip());
            if (url.isEmpty()) {
                String shown = text.value().contains("@") ? "a URL with credentials" : "\"" + text.value() + "\"";
                errors.add(text.path(), "expected an absolute http(s) URL such as " + defaultFor(key) + ", got "
                        + shown, text.line());
            }
            return url;
        });
    }

    private static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean usable = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
            return usable ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static URI defaultFor(String key) {
        return key.equals("events_url") ? PagerDutyConfig.DEFAULT_EVENTS_URL : PagerDutyConfig.DEFAULT_API_URL;
    }

    private String fromEmail(YamlMap pagerduty) {
        return pagerduty.string("from_email").filter(email -> {
            boolean valid = EMAIL.matcher(email.value().strip()).matches();
            if (!valid) {
                errors.add(email.path(), "expected an email address such as oncall@example.com, got \""
                        + email.value() + "\"", email.line());
            }
            return valid;
        }).map(email -> email.value().strip()).orElse(null);
    }
}
