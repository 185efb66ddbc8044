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
import java.util.Set;

/**
 * {@code event send}: a manual event straight to PagerDuty (not through the outbox: the operator waits for the
 * answer and sees it). Recorded in the audit as an operator action.
 */
final class EventSendCommand {
    private static final Set<String> OPTIONS = Set.of("config", "routing-key-env", "routing-key-file", "summary",
            "severity", "source", "dedup-key", "action");

    private final CliContext context;

    EventSendCommand(CliContext context) {
        this.context = context;
    }

    int run(List<String> args) throws UsageException, ConfigException {
        Arguments arguments = Arguments.parse(args, OPTIONS);
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("unexpected argument \"" + arguments.positional().get(0) + "\"");
        }
        SecretRef keyRef = DirectSend.routingKeyRef(arguments, "event send");
        EventAction action = arguments.option("action") == null ? EventAction.TRIGGER
                : EventAction.parse(arguments.option("action")).orElseThrow(() -> new UsageException(
                        "--action must be trigger, acknowledge or resolve"));
        List<String> adjustments = new ArrayList<>();
        ObjectNode body = body(arguments, keyRef, action, adjustments);
        KlaxonConfig config = new ConfigSource(context).load(arguments);
        adjustments.forEach(adjustment -> context.out().println("adjusted: " + adjustment));
        return new DirectSend(context).send(config, keyRef, body, "event.send." + action.wire(),
                body.path("dedup_key").asText("(new)"));
    }

    private ObjectNode body(Arguments arguments, SecretRef keyRef, EventAction action, List<String> adjustments)
            throws UsageException {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("routing_key", keyRef.masked());
        body.put("event_action", action.wire());
        if (arguments.option("dedup-key") != null) {
            body.put("dedup_key", PagerDutyLimits.dedupKey(arguments.option("dedup-key"), adjustments));
        } else if (action != EventAction.TRIGGER) {
            throw new UsageException("--dedup-key is needed to " + action.wire() + " an alert");
        }
        if (action == EventAction.TRIGGER) {
            String summary = arguments.option("summary");
            if (summary == null || summary.isBlank()) {
                throw new UsageException("--summary is needed to trigger an alert");
            }
            String severityText = arguments.option("severity") == null ? "error" : arguments.option("severity");
            Severity severity = Severity.parse(severityText).orElseThrow(() -> new UsageException(
                    "--severity must be critical, error, warning or info"));
            ObjectNode payload = body.putObject("payload");
            payload.put("summary", PagerDutyLimits.summary(summary, adjustments));
            payload.put("source", arguments.option("source") != null ? arguments.option("source") : hostname());
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
