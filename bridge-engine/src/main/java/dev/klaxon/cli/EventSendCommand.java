package dev.klaxon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.message.EventAction;
import dev.klaxon.message.Severity;
import dev.klaxon.route.PagerDutyLimits;
import dev.klaxon.secret.SecretRef;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code event send}: a manual event straight to PagerDuty (not through the outbox: the operator waits for the
 * answer and sees it). Recorded in the audit as an operator action.
 */
final class EventSendCommand {
    private final CliContext context;

    EventSendCommand(CliContext context) {
        this.context = context;
    }

    /** The event as the command line gave it; each field is null when its option is absent. */
    record Fields(String summary, String severity, String source, String dedupKey, String action) {
    }

    int run(RoutingKeyOptions key, Fields fields, String configFile) throws UsageException, ConfigException {
        SecretRef keyRef = key.ref("event send");
        EventAction action = fields.action() == null ? EventAction.TRIGGER
                : EventAction.parse(fields.action()).orElseThrow(() -> new UsageException(
                        "--action must be trigger, acknowledge or resolve"));
        List<String> adjustments = new ArrayList<>();
        ObjectNode body = body(fields, keyRef, action, adjustments);
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        adjustments.forEach(adjustment -> context.out().println("adjusted: " + adjustment));
        return new DirectSend(context).send(config, keyRef, body, "event.send." + action.wire(),
                body.path("dedup_key").asText("(new)"));
    }

    private ObjectNode body(Fields fields, SecretRef keyRef, EventAction action, List<String> adjustments)
            throws UsageException {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("routing_key", keyRef.masked());
        body.put("event_action", action.wire());
        if (fields.dedupKey() != null) {
            body.put("dedup_key", PagerDutyLimits.dedupKey(fields.dedupKey(), adjustments));
        } else if (action != EventAction.TRIGGER) {
            throw new UsageException("--dedup-key is needed to " + action.wire() + " an alert");
        }
        if (action == EventAction.TRIGGER) {
            String summary = fields.summary();
            if (summary == null || summary.isBlank()) {
                throw new UsageException("--summary is needed to trigger an alert");
            }
            String severityText = fields.severity() == null ? "error" : fields.severity();
            Severity severity = Severity.parse(severityText).orElseThrow(() -> new UsageException(
                    "--severity must be critical, error, warning or info"));
            ObjectNode payload = body.putObject("payload");
            payload.put("summary", PagerDutyLimits.summary(summary, adjustments));
            payload.put("source", fields.source() != null ? fields.source() : hostname());
            payload.put("severity", severity.wire());
            body.put("client", "Klaxon");
        }
        return body;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "klaxon";
        }
    }
}
