package dev.klaxon.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.audit.OperatorIdentity;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.pagerduty.EventKind;
import dev.klaxon.pagerduty.EventsApiClient;
import dev.klaxon.pagerduty.RoutingKey;
import dev.klaxon.pagerduty.SendOutcome;
import dev.klaxon.secret.SecretRef;
import java.net.http.HttpClient;

/**
 * Sends one event straight to PagerDuty from the command line (not through an outbox: a person is waiting for the
 * answer and sees it), reports the answer and audits the action. For {@code event send} and {@code escalate}.
 */
final class DirectSend {
    private final CliContext context;

    DirectSend(CliContext context) {
        this.context = context;
    }

    /**
     * @param body   the event, routing key masked; the real key is put in only for the request
     * @param what   the audit's verb, e.g. {@code event.send.trigger}
     * @param target what the audit says it was done to
     * @return the exit code: 0 when PagerDuty accepted it
     */
    int send(KlaxonConfig config, SecretRef keyRef, ObjectNode body, String what, String target)
            throws UsageException {
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
        int code = report(outcome);
        try (AuditLog audit = AuditFile.open(config, context.clock())) {
            String who = OperatorIdentity.of(config.pagerduty().fromEmail());
            audit.recordAction(code == Main.OK
                    ? OperatorAction.succeeded(context.clock().instant(), who, what, target)
                    : OperatorAction.failed(context.clock().instant(), who, what, target, describe(outcome)));
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
}
