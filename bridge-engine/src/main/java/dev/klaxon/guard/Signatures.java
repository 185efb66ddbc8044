package dev.klaxon.guard;

import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.SecretRef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The signature checks of the routes that have {@code require_signature}. Secrets are read once, when the engine is
 * built; a route whose secret cannot be read refuses every message (nothing unsigned slips through because a
 * variable was not exported), and {@code run} refuses to start in that case before it comes to this.
 */
public final class Signatures {
    private final Map<Integer, SignatureVerifier> verifiers = new HashMap<>();
    private final Map<Integer, String> unavailable = new HashMap<>();

    public Signatures(List<RouteRule> rules, UnaryOperator<String> environment, Clock clock) {
        for (RouteRule rule : rules) {
            SecretRef secret = rule.signatureSecret();
            if (secret == null) {
                continue;
            }
            try {
                verifiers.put(rule.index(), new SignatureVerifier(
                        secret.resolve(environment).getBytes(StandardCharsets.UTF_8), clock));
            } catch (SecretRef.SecretUnavailableException | IllegalArgumentException e) {
                unavailable.put(rule.index(), "signature secret unavailable (" + e.getMessage() + ")");
            }
        }
    }

    /** Why {@code rule} refuses this message, or empty when it needs no signature or the signature is good. */
    public Optional<String> problem(RouteRule rule, byte[] body, Map<String, List<String>> headers) {
        SignatureVerifier verifier = verifiers.get(rule.index());
        if (verifier != null) {
            return verifier.problem(body, headers);
        }
        return Optional.ofNullable(unavailable.get(rule.index()));
    }

    /** True when {@code rule} checks signatures (even with an unreadable secret, which refuses everything). */
    public boolean requires(RouteRule rule) {
        return verifiers.containsKey(rule.index()) || unavailable.containsKey(rule.index());
    }

    public boolean any() {
        return !verifiers.isEmpty() || !unavailable.isEmpty();
    }
}
