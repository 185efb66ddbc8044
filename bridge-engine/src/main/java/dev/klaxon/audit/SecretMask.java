package dev.klaxon.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last line of defence before text reaches the audit file. Bodies should arrive with the routing key already masked
 * by the renderer; if one slips through (a bug upstream, a publisher that put its key in the payload), a value next to
 * {@code routing_key} that looks like a real 32-character PagerDuty key is replaced here. Also catches the JSON-in-a-
 * string form ({@code \"routing_key\":\"...\"}) and {@code routing_key=...} in plain text.
 */
final class SecretMask {
    static final String MASK = "********";

    private static final Pattern ROUTING_KEY = Pattern.compile(
            "(routing_key[\\\\\"'\\s]*[:=][\\\\\"'\\s]*)([A-Za-z0-9]{32})(?![A-Za-z0-9])",
            Pattern.CASE_INSENSITIVE);

    private SecretMask() {
    }

    static String mask(String text) {
        if (text == null || !containsRoutingKeyName(text)) {
            return text; // the common case costs one scan, no regex
        }
        Matcher matcher = ROUTING_KEY.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }

    private static boolean containsRoutingKeyName(String text) {
        String needle = "routing_key";
        int last = text.length() - needle.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }
}
