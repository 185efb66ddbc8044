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
import java.util.Set;

/**
 * {@code escalate SUBJECT --payload JSON --routing-key-env NAME [--severity S]}: the command line's manual escalation.
 * The message is rendered exactly as the console's escalation renders it (and as a page rule would), shown, then
 * sent straight to PagerDuty past every rule and guard, and audited as {@code escalate}.
 */
final class EscalateCommand {
    private static final Set<String> OPTIONS = Set.of("config", "payload", "routing-key-env", "routing-key-file",
            "severity");

    private final CliContext context;

    EscalateCommand(CliContext context) {
        this.context = context;
    }

    int run(List<String> args) throws UsageException, ConfigException {
        Arguments arguments = Arguments.parse(args, OPTIONS);
        if (arguments.positional().size() != 1) {
            throw new UsageException("escalate takes one subject, e.g. escalate alerts.prod.db --payload '{...}' "
                    + "--routing-key-env PD_ROUTING_KEY_PROD --severity critical");
        }
        String subject = arguments.positional().get(0);
        String payload = arguments.option("payload");
        if (payload == null) {
            throw new UsageException("escalate needs --payload: the message to send (JSON or plain text)");
        }
        SecretRef keyRef = DirectSend.routingKeyRef(arguments, "escalate");
        String severityText = arguments.option("severity") == null ? "critical" : arguments.option("severity");
        Severity severity = Severity.parse(severityText).orElseThrow(() -> new UsageException(
                "--severity must be critical, error, warning or info"));
        KlaxonConfig config = new ConfigSource(context).load(arguments);
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
