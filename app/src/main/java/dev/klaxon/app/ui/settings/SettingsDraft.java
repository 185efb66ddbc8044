package dev.klaxon.app.ui.settings;

import dev.klaxon.config.ConfigTextEdit;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.NatsAuth;
import dev.klaxon.route.RouteRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings the console lets an operator change, as plain values: NATS servers and authentication, the PagerDuty
 * region, API token reference and from address, and the routing key reference of each route that sends events.
 * Secrets appear only as references. {@link #editsFrom} turns the difference from the loaded settings into the few
 * key edits that make it, so nothing the operator did not touch is rewritten.
 *
 * @param routingKeys by route index, for the routes that send events
 */
public record SettingsDraft(List<String> servers, NatsAuthMethod auth, SecretField natsToken, String natsUser,
                            SecretField natsPassword, String credsFile, String nkeySeedFile, PagerDutyRegion region,
                            SecretField apiToken, String fromEmail, Map<Integer, SecretField> routingKeys) {
    private static final List<String> AUTH_KEYS = List.of("token_env", "token_file", "user", "password_env",
            "password_file", "creds_file", "nkey_seed_file");

    public SettingsDraft {
        servers = servers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        Objects.requireNonNull(auth, "auth");
        natsToken = natsToken == null ? SecretField.none() : natsToken;
        natsUser = natsUser == null ? "" : natsUser.strip();
        natsPassword = natsPassword == null ? SecretField.none() : natsPassword;
        credsFile = credsFile == null ? "" : credsFile.strip();
        nkeySeedFile = nkeySeedFile == null ? "" : nkeySeedFile.strip();
        Objects.requireNonNull(region, "region");
        apiToken = apiToken == null ? SecretField.none() : apiToken;
        fromEmail = fromEmail == null ? "" : fromEmail.strip();
        routingKeys = Map.copyOf(routingKeys);
    }

    /** The settings as the running config has them. */
    public static SettingsDraft from(KlaxonConfig config) {
        NatsAuth auth = config.nats().auth();
        Map<Integer, SecretField> keys = new LinkedHashMap<>();
        for (RouteRule rule : config.routes()) {
            if (rule.action().sendsEvent()) {
                keys.put(rule.index(), SecretField.of(rule.routingKey()));
            }
        }
        return new SettingsDraft(config.nats().servers(), NatsAuthMethod.of(auth),
                auth instanceof NatsAuth.Token token ? SecretField.of(token.token()) : null,
                auth instanceof NatsAuth.UserPassword user ? user.user() : null,
                auth instanceof NatsAuth.UserPassword user ? SecretField.of(user.password()) : null,
                auth instanceof NatsAuth.CredsFile creds ? creds.file().toString() : null,
                auth instanceof NatsAuth.NKeySeedFile seed ? seed.file().toString() : null,
                PagerDutyRegion.of(config.pagerduty().eventsUrl(), config.pagerduty().apiUrl()),
                SecretField.of(config.pagerduty().apiToken()), config.pagerduty().fromEmail(), keys);
    }

    /**
     * The key edits that turn {@code original} into this draft; empty when nothing changed. Values are written as
     * given, even invalid ones, so the config reader can name what is wrong with them.
     */
    public List<ConfigTextEdit> editsFrom(SettingsDraft original) {
        List<ConfigTextEdit> edits = new ArrayList<>();
        if (!servers.equals(original.servers)) {
            edits.add(ConfigTextEdit.set("nats.servers", servers));
        }
        if (!sameAuth(original)) {
            authEdits(edits);
        }
        if (region != original.region && region != PagerDutyRegion.CUSTOM) {
            edits.add(ConfigTextEdit.set("pagerduty.events_url", region.eventsUrl().toString()));
            edits.add(ConfigTextEdit.set("pagerduty.api_url", region.apiUrl().toString()));
        }
        secret(edits, "pagerduty.api_token", apiToken, original.apiToken);
        if (!fromEmail.equals(original.fromEmail)) {
            edits.add(fromEmail.isEmpty() ? ConfigTextEdit.remove("pagerduty.from_email")
                    : ConfigTextEdit.set("pagerduty.from_email", fromEmail));
        }
        for (Map.Entry<Integer, SecretField> key : new java.util.TreeMap<>(routingKeys).entrySet()) {
            SecretField before = original.routingKeys.getOrDefault(key.getKey(), SecretField.none());
            secret(edits, "routes[" + key.getKey() + "].routing_key", key.getValue(), before);
        }
        return edits;
    }

    private boolean sameAuth(SettingsDraft other) {
        if (auth != other.auth) {
            return false;
        }
        return switch (auth) {
            case NONE -> true;
            case TOKEN -> natsToken.sameAs(other.natsToken);
            case USER_PASSWORD -> natsUser.equals(other.natsUser) && natsPassword.sameAs(other.natsPassword);
            case CREDS_FILE -> credsFile.equals(other.credsFile);
            case NKEY_SEED_FILE -> nkeySeedFile.equals(other.nkeySeedFile);
        };
    }

    /** Writes the chosen method's keys and removes every other method's, since only one may be given. */
    private void authEdits(List<ConfigTextEdit> edits) {
        Map<String, String> keep = new LinkedHashMap<>();
        switch (auth) {
            case TOKEN -> keep.put(natsToken.key("token"), natsToken.reference());
            case USER_PASSWORD -> {
                keep.put("user", natsUser);
                keep.put(natsPassword.key("password"), natsPassword.reference());
            }
            case CREDS_FILE -> keep.put("creds_file", credsFile);
            case NKEY_SEED_FILE -> keep.put("nkey_seed_file", nkeySeedFile);
            case NONE -> { }
        }
        for (String key : AUTH_KEYS) {
            if (!keep.containsKey(key)) {
                edits.add(ConfigTextEdit.remove("nats." + key));
            }
        }
        keep.forEach((key, value) -> edits.add(ConfigTextEdit.set("nats." + key, value)));
    }

    private static void secret(List<ConfigTextEdit> edits, String base, SecretField now, SecretField before) {
        if (now.sameAs(before)) {
            return;
        }
        String other = base + (now.key("").equals("_env") ? "_file" : "_env");
        if (now.isEmpty()) {
            edits.add(ConfigTextEdit.remove(base + "_env"));
            edits.add(ConfigTextEdit.remove(base + "_file"));
            return;
        }
        edits.add(ConfigTextEdit.remove(other));
        edits.add(ConfigTextEdit.set(now.key(base), now.reference()));
    }
}
