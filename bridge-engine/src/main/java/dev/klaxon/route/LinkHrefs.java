package dev.klaxon.route;

import java.util.List;

/**
 * Which {@code href}s Klaxon passes on in links and images. PagerDuty's spec asks only for "format: url" and shows
 * the href as something to click, so a publisher could plant {@code javascript:}, {@code data:} or
 * {@code vbscript:} in front of a responder in the middle of the night. An allowlist rather than a denylist: only
 * absolute http, https and mailto URLs pass, and only without whitespace or control characters (browsers drop tabs
 * and newlines from URLs, so {@code java\tscript:} would run as {@code javascript:}).
 */
final class LinkHrefs {
    static final String ALLOWED = "an http, https or mailto URL";
    private static final List<String> SCHEMES = List.of("https://", "http://", "mailto:");

    private LinkHrefs() {
    }

    static boolean isAllowed(String href) {
        if (hasSpaceOrControl(href)) {
            return false;
        }
        for (String scheme : SCHEMES) {
            if (href.length() > scheme.length() && href.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSpaceOrControl(String href) {
        for (int i = 0; i < href.length(); i++) {
            char c = href.charAt(i);
            if (c <= ' ' || Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return true;
            }
        }
        return false;
    }
}
