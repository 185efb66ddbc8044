package dev.klaxon.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code pagerduty:} section. */
final class PagerDutySectionReader {

    static final Set<String> KEYS = Set.of("events_url", "api_url", "api_token_env", "api_token_file", "from_email");
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
                fromEmail(pagerduty));
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
