package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.ManualEscalation;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.message.Severity;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.secret.SecretRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code escalate SUBJECT --payload JSON --routing-key-env NAME [--severity S]}: the command line's manual escalation.
 * The message is rendered exactly as the console's escalation renders it (and as a page rule would), shown, then
 * sent straight to PagerDuty past every rule and guard, and audited as {@code escalate}.
 */
final class EscalateCommand {
    private final CliContext context;

    EscalateCommand(CliContext context) {
        this.context = context;
    }

    /** @param subjects the positional words; exactly one is right */
    int run(List<String> subjects, String payload, RoutingKeyOptions key, String severityOption, String configFile)
            throws UsageException, ConfigException {
        if (subjects.size() != 1) {
            throw new UsageException("escalate takes one subject, e.g. escalate alerts.prod.db --payload '{...}' "
                    + "--routing-key-env PD_ROUTING_KEY_PROD --severity critical");
        }
        String subject = subjects.get(0);
        if (payload == null) {
            throw new UsageException("escalate needs --payload: the message to send (JSON or plain text)");
        }
        SecretRef keyRef = key.ref("escalate");
        String severityText = severityOption == null ? "critical" : severityOption;
        Severity severity = Severity.parse(severityText).orElseThrow(() -> new UsageException(
                "--severity must be critical, error, warning or info"));
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        RenderedEvent event;
        try {
            event = new ManualEscalation(new MessageDecoder()).render(new InboundMessage(subject,
                    payload.getBytes(StandardCharsets.UTF_8), Map.of(), context.clock().instant()), keyRef, severity);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        context.out().println("sending " + event.body().toPrettyString());
        event.adjustments().forEach(adjustment -> context.out().println("adjusted: " + adjustment));
        return new DirectSend(context).send(config, keyRef, event.body(), "escalate",
                subject + " to " + keyRef.stored() + " as " + severity.wire());
    }
}
