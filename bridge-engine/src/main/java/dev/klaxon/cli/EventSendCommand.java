package dev.klaxon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.audit.OperatorIdentity;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.SecretRef;
import dev.klaxon.message.EventAction;
import dev.klaxon.message.Severity;
import dev.klaxon.pagerduty.EventKind;
import dev.klaxon.pagerduty.EventsApiClient;
import dev.klaxon.pagerduty.RoutingKey;
import dev.klaxon.pagerduty.SendOutcome;
import dev.klaxon.route.PagerDutyLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
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
        SecretRef keyRef = routingKeyRef(arguments);
        EventAction action = arguments.option("action") == null ? EventAction.TRIGGER
                : EventAction.parse(arguments.option("action")).orElseThrow(() -> new UsageException(
                        "--action must be trigger, acknowledge or resolve"));
        List<String> adjustments = new ArrayList<>();
        ObjectNode body = body(arguments, keyRef, action, adjustments);
        KlaxonConfig config = new ConfigSource(context.home()).load(arguments);
        adjustments.forEach(adjustment -> context.out().println("adjusted: " + adjustment));
        RoutingKey key;
        try {
            key = RoutingKey.of(keyRef.resolve(context.environment()));
        } catch (SecretRef.SecretUnavailableException e) {
            throw new UsageException("routing key: " + e.getMessage());
        }

        EventsApiClient client = new EventsApiClient(config.pagerduty().eventsUrl(), HttpClient.newHttpClient(),
                config.pagerduty().delivery().requestTimeout(), context.clock());
        SendOutcome outcome;
        try {
            outcome = client.send(EventKind.ALERT, body.toString(), key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
        String target = body.path("dedup_key").asText("(new)");
        int code = report(outcome);
        try (AuditLog audit = AuditLog.open(config.storage().dir().resolve("audit.db"), context.clock())) {
            String who = OperatorIdentity.of(config.pagerduty().fromEmail());
            audit.recordAction(code == Main.OK
                    ? OperatorAction.succeeded(context.clock().instant(), who, "event.send." + action.wire(), target)
                    : OperatorAction.failed(context.clock().instant(), who, "event.send." + action.wire(), target,
                            describe(outcome)));
        }
        return code;
    }

    private int report(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Accepted accepted) {
            context.out().println("accepted by PagerDuty: dedup_key " + accepted.dedupKey() + " (" + accepted.message()
                    + ")");
            return Main.OK;
        }
        context.err().println("error: " + describe(outcome));
        return Main.FAILURE;
    }

    private static String describe(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Rejected rejected) {
            return "PagerDuty refused the event (HTTP " + rejected.status() + "): " + rejected.message()
                    + (rejected.errors().isEmpty() ? "" : " " + rejected.errors());
        }
        if (outcome instanceof SendOutcome.RetryLater retry) {
            return "PagerDuty is not reachable now: " + retry.reason() + "; try again";
        }
        return "accepted";
    }

    private static SecretRef routingKeyRef(Arguments arguments) throws UsageException {
        String env = arguments.option("routing-key-env");
        String file = arguments.option("routing-key-file");
        if ((env == null) == (file == null)) {
            throw new UsageException("event send needs exactly one of --routing-key-env NAME or --routing-key-file "
                    + "PATH (the key itself never goes on the command line)");
        }
        return env != null ? SecretRef.env(env) : SecretRef.file(file);
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
