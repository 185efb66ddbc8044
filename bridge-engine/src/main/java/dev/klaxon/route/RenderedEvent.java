package dev.klaxon.route;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The Events API v2 body a page or change rule would send, with the routing key masked, plus what was changed to
 * make it acceptable to PagerDuty. The real routing key is put in only at send time.
 *
 * @param dedupKey    the body's {@code dedup_key}, already within PagerDuty's 255-character limit; null for a
 *                    change event, which has none
 * @param adjustments one line per default used or limit enforced, in the order they happened
 */
public record RenderedEvent(ObjectNode body, String dedupKey, List<String> adjustments) {
    public RenderedEvent {
        Objects.requireNonNull(body, "body");
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
    }
}
