package dev.klaxon.route;

import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.OneLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Chooses an event's dedup_key. Triggers, acknowledges and resolves for one problem must arrive with the same key,
 * so the choice depends only on the message and the rule, never on time or state.
 */
final class DedupKeys {
    /** PagerDuty's limit on {@code dedup_key}, in characters. */
    static final int MAX_LENGTH = 255;
    static final String HASH_PREFIX = "sha256:";

    private DedupKeys() {
    }

    /**
     * The message's own dedup_key if it has one, else the rule's template, else the subject (so repeated alerts on
     * one subject group into one incident). Kept within {@link #MAX_LENGTH}.
     */
    static String choose(AlertMessage message, RouteRule rule, List<String> adjustments) {
        String key = message.dedupKey();
        if (key == null || key.isBlank()) {
            key = fromRule(message, rule, adjustments);
        }
        return limit(key, adjustments);
    }

    private static String fromRule(AlertMessage message, RouteRule rule, List<String> adjustments) {
        DedupKeyTemplate template = rule.dedupKey();
        if (template == null) {
            return message.subject();
        }
        DedupKeyTemplate.Expansion expansion = template.expansion(message);
        String quoted = SubjectChars.quote(template.text());
        for (String missing : expansion.missing()) {
            adjustments.add("dedup_key template " + quoted + ": " + missing);
        }
        // The decoder refuses control characters in a message's own dedup_key, but a template can take them from
        // custom_details or any field; a key is one line, so they become spaces here (the same rule as summary).
        String key = OneLine.of(expansion.value());
        if (!key.equals(expansion.value())) {
            adjustments.add("dedup_key template " + quoted
                    + ": line breaks or control characters in the values replaced by a space");
        }
        if (key.isBlank()) {
            adjustments.add("dedup_key template " + quoted + " expanded to nothing; used the subject");
            return message.subject();
        }
        return key;
    }

    /** {@code key}, or a stable hash of it when PagerDuty would refuse its length. */
    static String limit(String key, List<String> adjustments) {
        if (key.length() <= MAX_LENGTH) {
            return key;
        }
        adjustments.add("dedup_key was " + key.length() + " characters, over PagerDuty's limit of " + MAX_LENGTH
                + "; replaced by its SHA-256 hash");
        return hash(key);
    }

    /** {@code sha256:} and 64 hex digits of the key's UTF-8 bytes: the same key always gives the same hash. */
    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HASH_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
