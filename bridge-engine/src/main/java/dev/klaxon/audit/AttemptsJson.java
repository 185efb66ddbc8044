package dev.klaxon.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Delivery attempts as a JSON array in one column: they are always read and written together. */
final class AttemptsJson {
    private final ObjectMapper mapper;

    AttemptsJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ArrayNode toTree(List<DeliveryAttempt> attempts) {
        ArrayNode array = mapper.createArrayNode();
        for (DeliveryAttempt attempt : attempts) {
            ObjectNode node = array.addObject();
            node.put("at", attempt.at().toString());
            if (attempt.httpStatus() == null) {
                node.putNull("http_status");
            } else {
                node.put("http_status", attempt.httpStatus());
            }
            node.put("message", attempt.message());
        }
        return array;
    }

    String write(List<DeliveryAttempt> attempts) {
        return toTree(attempts).toString();
    }

    List<DeliveryAttempt> read(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            List<DeliveryAttempt> attempts = new ArrayList<>();
            for (JsonNode node : mapper.readTree(json)) {
                JsonNode status = node.get("http_status");
                JsonNode message = node.get("message");
                attempts.add(new DeliveryAttempt(Instant.parse(node.get("at").asText()),
                        status == null || status.isNull() ? null : status.asInt(),
                        message == null || message.isNull() ? null : message.asText()));
            }
            return attempts;
        } catch (JsonProcessingException e) {
            throw new AuditException("unreadable attempts column: " + e.getOriginalMessage(), e);
        }
    }
}
