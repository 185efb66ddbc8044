package dev.klaxon.outbox;

/**
 * Order keys: events that PagerDuty applies to the same alert must reach it in order, and PagerDuty groups alerts by
 * (routing key, dedup_key). A newline joins the two because neither a reference nor a dedup_key we render holds one;
 * events without a dedup_key get {@code #id}, which cannot collide because it holds no newline.
 */
final class OrderKeys {
    private OrderKeys() {
    }

    static String of(String routingKeyRef, String dedupKey) {
        return routingKeyRef + "\n" + dedupKey;
    }

    static String unordered(long id) {
        return "#" + id;
    }
}
