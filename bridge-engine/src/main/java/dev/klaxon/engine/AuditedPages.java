package dev.klaxon.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.audit.AuditKind;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.AuditQuery;
import dev.klaxon.audit.AuditRow;
import dev.klaxon.audit.DeliveryState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this member's audit says was really paged for each stream message, by its msg_id: the ground truth a rules
 * replay is set beside. Only the member that was the sender has such rows; on another member the set is empty and
 * says so. A page is "action dedup_key": the routing key is masked in the audit and the severity may be rewritten
 * by PagerDuty's rules, so neither identifies it.
 */
public final class AuditedPages {
    /** Audit rows are recorded by receive time, a little before the stream's stored time can be. */
    private static final Duration MARGIN = Duration.ofMinutes(1);
    private static final AuditedPages NONE = new AuditedPages(Map.of(), false);

    private final Map<String, Set<String>> byMessage;
    private final boolean read;

    private AuditedPages(Map<String, Set<String>> byMessage, boolean read) {
        this.byMessage = byMessage;
        this.read = read;
    }

    /** No audit to compare with (none was read). */
    public static AuditedPages none() {
        return NONE;
    }

    /**
     * The pages recorded since {@code since}: delivered or dead-lettered (both were decisions to page; shadowed and
     * superseded rows were not sent by this member).
     */
    public static AuditedPages read(AuditLog audit, Instant since) {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Set<String>> byMessage = new HashMap<>();
        for (AuditRow row : audit.search(AuditQuery.all().since(since.minus(MARGIN)).kinds(AuditKind.FORWARDED))) {
            if (!DeliveryState.DELIVERED.label().equals(row.state())
                    && !DeliveryState.DEAD_LETTER.label().equals(row.state())) {
                continue;
            }
            String msgId = msgId(mapper, row.body());
            if (msgId != null) {
                byMessage.computeIfAbsent(msgId, id -> new TreeSet<>()).add(page(row.eventAction(), row.dedupKey()));
            }
        }
        return new AuditedPages(byMessage, true);
    }

    private static String msgId(ObjectMapper mapper, String body) {
        if (body == null) {
            return null;
        }
        try {
            JsonNode id = mapper.readTree(body).path("payload").path("custom_details").path("klaxon").path("msg_id");
            return id.isTextual() ? id.asText() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    static String page(String action, String dedupKey) {
        return action + " " + dedupKey;
    }

    /** Whether an audit was read at all. */
    public boolean read() {
        return read;
    }

    /** The pages recorded for one message; empty when none (or no audit). */
    Set<String> of(String msgId) {
        return msgId == null ? Set.of() : byMessage.getOrDefault(msgId, Set.of());
    }
}
