package dev.klaxon.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event to commit to the outbox before anything is sent.
 *
 * <p>The outbox file outlives the process and is readable by anyone with access to the storage directory, so it must
 * never hold a PagerDuty integration key. {@code routingKeyRef} therefore names where the key comes from
 * ({@code env:PD_ROUTING_KEY_PROD}, {@code file:/etc/klaxon/key}); the sender resolves it at send time and replaces
 * the masked {@code routing_key} of {@code bodyJson} (see {@code SecretRef.masked()}, which starts with
 * {@value #MASK_PREFIX}). Both are checked here so a wiring mistake fails loudly instead of persisting a secret.
 *
 * @param ruleIndex  index of the route rule that produced the event
 * @param rule       how that rule is named, e.g. {@code routes[2] "alerts.prod.>"}: kept as it was when the event
 *                   was made, so the audit names the right rule even after the config changes
 * @param dedupKey   PagerDuty dedup_key; null means none (PagerDuty generates one), and such an event has no
 *                   ordering constraint with any other
 * @param receivedAt when the bridge received the NATS message
 * @param streamSeq  the sequence in the team's stream of the message it came from; 0 when none (core NATS, or an
 *                   event no message made: a flood's coalesced event, a manual escalation)
 * @param streamDelivery which delivery of that message it was decided from (JetStream's delivered count); 0 when none
 */
public record NewEvent(String subject, int ruleIndex, String rule, String routingKeyRef, Endpoint endpoint, String dedupKey,
                       String eventAction, String bodyJson, Instant receivedAt, long streamSeq, long streamDelivery) {

    public static final String MASK_PREFIX = "********";
    private static final Pattern REFERENCE = Pattern.compile("[a-z]+:.+");
    // PagerDuty integration keys are 32 characters of [A-Za-z0-9]; a reference never looks like that.
    private static final Pattern LOOKS_LIKE_KEY = Pattern.compile("(?:[a-z]+:)?[A-Za-z0-9]{32}");
    private static final Pattern ROUTING_KEY_VALUE = Pattern.compile("\"routing_key\"\\s*:\\s*\"([^\"]*)\"");

    public NewEvent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(routingKeyRef, "routingKeyRef");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(eventAction, "eventAction");
        Objects.requireNonNull(bodyJson, "bodyJson");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (!REFERENCE.matcher(routingKeyRef).matches() || LOOKS_LIKE_KEY.matcher(routingKeyRef).matches()) {
            // Deliberately does not echo the value: it may be the secret itself.
            throw new IllegalArgumentException(
                    "routingKeyRef must be a reference such as env:NAME or file:/path, never a key");
        }
        Matcher value = ROUTING_KEY_VALUE.matcher(bodyJson);
        if (value.find() && !value.group(1).startsWith(MASK_PREFIX)) {
            throw new IllegalArgumentException("bodyJson must carry a masked routing_key (" + MASK_PREFIX + "...)");
        }
    }

    public NewEvent(String subject, int ruleIndex, String rule, String routingKeyRef, Endpoint endpoint,
                    String dedupKey, String eventAction, String bodyJson, Instant receivedAt) {
        this(subject, ruleIndex, rule, routingKeyRef, endpoint, dedupKey, eventAction, bodyJson, receivedAt, 0, 0);
    }

    /** Events with the same order key are delivered one at a time, oldest first; null when unordered. */
    String orderKey() {
        return dedupKey == null ? null : OrderKeys.of(routingKeyRef, dedupKey);
    }
}
