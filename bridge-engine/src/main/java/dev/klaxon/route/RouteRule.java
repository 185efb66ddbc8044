package dev.klaxon.route;

import dev.klaxon.message.Severity;
import dev.klaxon.secret.SecretRef;

/**
 * One entry of {@code routes:}, compiled. Optional parts are null when not configured.
 *
 * @param index            position in the list, 0-based (shown as {@code routes[index]})
 * @param line             1-based line of the entry in the config file (0 if not from a file)
 * @param continueMatching {@code continue: true}: later rules are tried too
 * @param routingKey       where the PagerDuty integration key comes from (page rules)
 * @param severity         default severity when the message carries none
 * @param dedupKey         template for the event's dedup_key
 * @param signatureSecret  {@code require_signature}: where the publisher's HMAC secret comes from; null when
 *                         messages need no signature
 */
public record RouteRule(
        int index,
        int line,
        SubjectPattern match,
        RouteAction action,
        boolean shadow,
        boolean continueMatching,
        SecretRef routingKey,
        Severity severity,
        DedupKeyTemplate dedupKey,
        SecretRef signatureSecret) {

    /** Where the routing key comes from, as stored with events ({@code env:NAME}); null when the rule names none. */
    public String routingKeyRef() {
        return routingKey == null ? null : routingKey.stored();
    }

    /** How the rule is named in reasons and tables: {@code routes[2] "alerts.prod.>"}. */
    public String label() {
        return "routes[" + index + "] \"" + match.text() + "\"";
    }
}
