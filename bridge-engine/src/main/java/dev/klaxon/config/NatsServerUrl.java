package dev.klaxon.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one entry of {@code nats.servers}: a {@code nats://}, {@code tls://}, {@code ws://} or {@code wss://} URL
 * (port optional), or a bare {@code host:port}. Checked by hand rather than with {@link java.net.URI}, which gives up
 * on host names with underscores, common for container service names.
 */
final class NatsServerUrl {

    private static final Set<String> SCHEMES = Set.of("nats", "tls", "ws", "wss");
    private static final String EXPECTED = "expected a nats://, tls://, ws:// or wss:// URL, or host:port";

    private NatsServerUrl() {
    }

    /** Why the text is not a usable server address; empty if it is. */
    static Optional<String> problem(String text) {
        String rest = text.strip();
        String scheme = null;
        int schemeEnd = rest.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!SCHEMES.contains(scheme)) {
                return Optional.of("unsupported scheme \"" + scheme + "\"; " + EXPECTED);
            }
            rest = rest.substring(schemeEnd + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        // Checked before anything that echoes the text: user:password@host would put a secret in the message.
        if (authority.contains("@")) {
            return Optional.of("credentials in a server URL are not allowed; use user with password_env or "
                    + "password_file, or token_env");
        }
        if (slash >= 0 && scheme == null) {
            return Optional.of(EXPECTED + ", got \"" + text + "\"");
        }
        return checkAuthority(authority, scheme != null, text);
    }

    private static Optional<String> checkAuthority(String authority, boolean portOptional, String text) {
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.of(EXPECTED + ", got \"" + text + "\"");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                return Optional.of(EXPECTED + ", got \"" + text + "\"");
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = authority.indexOf(':');
            if (colon != authority.lastIndexOf(':')) {
                return Optional.of("IPv6 addresses need brackets, such as nats://[::1]:4222; got \"" + text + "\"");
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty() || !host.chars().allMatch(NatsServerUrl::isHostChar)) {
            return Optional.of(EXPECTED + ", got \"" + text + "\"");
        }
        if (port == null) {
            return portOptional ? Optional.empty() : Optional.of(EXPECTED + ", got \"" + text + "\"");
        }
        if (!isPort(port)) {
            return Optional.of("port must be a number from 1 to 65535, got \"" + text + "\"");
        }
        return Optional.empty();
    }

    private static boolean isHostChar(int c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == ':' || c == '%';
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535;
    }
}
