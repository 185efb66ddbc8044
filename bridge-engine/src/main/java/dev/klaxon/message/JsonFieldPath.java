package dev.klaxon.message;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Names where a parser stands the way dedup_key templates and operators write it: {@code custom_details.disk.0}
 * (a segment of digits is an array index). Built only for a reason, never on the accepting path.
 */
final class JsonFieldPath {

    private JsonFieldPath() {
    }

    static String of(JsonStreamContext context) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                segments.addFirst(Integer.toString(Math.max(at.getCurrentIndex(), 0)));
            } else if (at.getCurrentName() != null) {
                segments.addFirst(at.getCurrentName());
            }
        }
        return String.join(".", segments);
    }
}
