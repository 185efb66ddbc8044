package dev.klaxon.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.DecodeResult;
import dev.klaxon.message.EventAction;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.message.Severity;
import dev.klaxon.route.EventBodyRenderer;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.route.SubjectPattern;
import dev.klaxon.secret.SecretRef;
import java.util.ArrayList;
import java.util.List;

/**
 * A person forcing one message to PagerDuty: rendered exactly as a page rule would render it, but to the routing key
 * and severity they chose, and past log rules, silences, dedup and flood state. Stateless; any thread.
 */
public final class ManualEscalation {
    /** What the outbox and the audit call the rule of an escalated event. */
    public static final String RULE_LABEL = "manual escalation";

    private final MessageDecoder decoder;
    private final EventBodyRenderer renderer;

    public ManualEscalation(MessageDecoder decoder) {
        this.decoder = decoder;
        this.renderer = new EventBodyRenderer(decoder.mapper());
    }

    /**
     * The exact body that would be sent (routing key masked), with what was adjusted to make it acceptable.
     *
     * @throws IllegalArgumentException when the message cannot be decoded, with the decoder's reason
     */
    public RenderedEvent render(InboundMessage inbound, SecretRef routingKey, Severity severity) {
        DecodeResult decoded = decoder.decode(inbound);
        if (decoded instanceof DecodeResult.Rejected rejected) {
            throw new IllegalArgumentException("the message cannot be escalated: " + rejected.reason());
        }
        AlertMessage message = ((DecodeResult.Decoded) decoded).message();
        RouteRule rule = new RouteRule(0, 0, SubjectPattern.compile(">"), RouteAction.PAGE, false, false, routingKey,
                severity, null, null);
        RenderedEvent rendered = renderer.render(message, rule);
        List<String> adjustments = new ArrayList<>(rendered.adjustments());
        ObjectNode payload = (ObjectNode) rendered.body().get("payload");
        if (message.eventAction() == EventAction.TRIGGER && payload != null
                && !severity.wire().equals(payload.path("severity").asText())) {
            adjustments.add("severity " + payload.path("severity").asText() + " raised by hand to " + severity.wire());
            payload.put("severity", severity.wire());
        }
        return new RenderedEvent(rendered.body(), rendered.dedupKey(), adjustments);
    }
}
