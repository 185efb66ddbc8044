package dev.klaxon.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.audit.AuditLog;
import dev.klaxon.audit.OperatorAction;
import dev.klaxon.config.ConfigException;
import dev.klaxon.config.DurationText;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.config.PagerDutyConfig;
import dev.klaxon.pagerduty.rest.ApiToken;
import dev.klaxon.pagerduty.rest.IncidentStatus;
import dev.klaxon.pagerduty.rest.IncidentSummary;
import dev.klaxon.pagerduty.rest.Listing;
import dev.klaxon.pagerduty.rest.PagerDutyRestClient;
import dev.klaxon.pagerduty.rest.RestResult;
import dev.klaxon.secret.SecretRef;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code incidents list} and {@code incident ack|resolve|escalate|snooze|note ID...}: PagerDuty REST v2 from the
 * command line. Acknowledge and resolve of several incidents go through the bulk endpoint, 250 incidents a call
 * ({@link BulkStatusChange}); one incident, and the other actions, take one call per incident. Either way every
 * id gets its own line of outcome and its own audit row.
 */
final class IncidentsCommand {
    private final CliContext context;

    IncidentsCommand(CliContext context) {
        this.context = context;
    }

    /** {@code incidents list [--status triggered,acknowledged]}: open incidents unless told otherwise. */
    int list(String statusOption, String formatOption, String configFile) throws UsageException, ConfigException {
        List<IncidentStatus> statuses = statuses(statusOption);
        ListFormat format = ListFormat.parse(formatOption);
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        PagerDutyRestClient client = client(config.pagerduty(), false);
        RestResult<Listing<IncidentSummary>> result;
        try {
            result = client.listIncidents(statuses, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
        if (result instanceof RestResult.Failure<Listing<IncidentSummary>> failure) {
            context.err().println("error: " + failure.message());
            return Main.FAILURE;
        }
        Listing<IncidentSummary> listing = ((RestResult.Ok<Listing<IncidentSummary>>) result).value();
        format.print(context.out(), listing.items().stream().map(IncidentsCommand::json).toList(), () -> {
            context.out().print(IncidentTable.render(listing.items()));
            context.out().println(listing.items().size() + " incident" + (listing.items().size() == 1 ? "" : "s")
                    + (listing.truncated() ? " (more on PagerDuty; narrow with --status)" : ""));
        });
        if (format != ListFormat.TABLE && listing.truncated()) {
            context.err().println("more incidents on PagerDuty than listed; narrow with --status");
        }
        return Main.OK;
    }

    private static ObjectNode json(IncidentSummary incident) {
        ObjectNode row = ListFormat.MAPPER.createObjectNode().put("id", incident.id())
                .put("number", incident.number()).put("title", incident.title()).put("status", incident.status())
                .put("urgency", incident.urgency()).put("service_id", incident.serviceId())
                .put("service", incident.serviceName()).put("incident_key", incident.incidentKey())
                .put("created_at", incident.createdAt() == null ? null : incident.createdAt().toString())
                .put("html_url", incident.htmlUrl());
        incident.assignees().forEach(row.putArray("assignees")::add);
        return row;
    }

    /**
     * {@code incident ACTION ID... [options]}. Exit 1 if any incident failed; the others are still acted on.
     *
     * @param options the action's options; the parser has already refused those the action does not take
     */
    int act(String action, List<String> idTexts, ActionOptions options, String configFile)
            throws UsageException, ConfigException {
        if (idTexts.isEmpty()) {
            throw new UsageException("incident " + action + " needs at least one incident ID");
        }
        for (String id : idTexts) {
            if (id.isBlank()) {
                throw new UsageException("incident " + action + ": an incident ID is empty; IDs look like PT4KHLK");
            }
        }
        IncidentAction operation = IncidentAction.of(action, options);
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        PagerDutyRestClient client = client(config.pagerduty(), true);
        List<String> ids = List.copyOf(new LinkedHashSet<>(idTexts));
        List<BulkStatusChange.Outcome> outcomes;
        int code = Main.OK;
        try {
            // One incident keeps its own call, whose errors are exact ("already acknowledged"); several go in bulk.
            outcomes = ids.size() == 1 ? oneByOne(client, ids, operation) : switch (action) {
                case "ack" -> BulkStatusChange.acknowledge().apply(client, ids, operation::apply);
                case "resolve" -> BulkStatusChange.resolve(options.note()).apply(client, ids,
                        operation::apply);
                default -> oneByOne(client, ids, operation);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        }
        List<OperatorAction> done = new ArrayList<>();
        String who = config.pagerduty().fromEmail();
        for (BulkStatusChange.Outcome outcome : outcomes) {
            String id = outcome.id();
            if (outcome.ok()) {
                context.out().println(id + ": " + outcome.message());
                done.add(OperatorAction.succeeded(context.clock().instant(), who, "incident." + action, id));
            } else {
                context.err().println("error: " + id + ": " + outcome.message());
                done.add(OperatorAction.failed(context.clock().instant(), who, "incident." + action, id,
                        outcome.message()));
                code = Main.FAILURE;
            }
        }
        try (AuditLog audit = AuditFile.open(config, context.clock())) {
            done.forEach(audit::recordAction);
        }
        return code;
    }

    /** Escalate, snooze and note have no bulk form worth using: one call per incident. */
    private static List<BulkStatusChange.Outcome> oneByOne(PagerDutyRestClient client, List<String> ids,
                                                           IncidentAction operation) throws InterruptedException {
        List<BulkStatusChange.Outcome> outcomes = new ArrayList<>(ids.size());
        for (String id : ids) {
            RestResult<String> result = operation.apply(client, id);
            outcomes.add(result instanceof RestResult.Ok<String> ok ? new BulkStatusChange.Outcome(id, true,
                    ok.value()) : new BulkStatusChange.Outcome(id, false,
                    ((RestResult.Failure<String>) result).message()));
        }
        return outcomes;
    }

    private PagerDutyRestClient client(PagerDutyConfig pagerduty, boolean writes) throws UsageException {
        SecretRef tokenRef = pagerduty.apiToken();
        if (tokenRef == null) {
            throw new UsageException("pagerduty.api_token_env (or pagerduty.api_token_file) is not set in the config");
        }
        if (writes && (pagerduty.fromEmail() == null || pagerduty.fromEmail().isBlank())) {
            throw new UsageException("pagerduty.from_email is not set in the config; PagerDuty records it as the "
                    + "user who acted");
        }
        ApiToken token;
        try {
            token = ApiToken.of(tokenRef.resolve(context.environment()));
        } catch (SecretRef.SecretUnavailableException e) {
            String key = tokenRef.source() == SecretRef.Source.ENV ? "pagerduty.api_token_env"
                    : "pagerduty.api_token_file";
            throw new UsageException(key + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("pagerduty.api_token: " + e.getMessage());
        }
        return new PagerDutyRestClient(pagerduty.apiUrl(), token, pagerduty.fromEmail(), HttpClient.newHttpClient(),
                pagerduty.delivery().requestTimeout(), context.clock());
    }

    private static List<IncidentStatus> statuses(String option) throws UsageException {
        if (option == null) {
            return List.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED);
        }
        List<IncidentStatus> statuses = new ArrayList<>();
        for (String text : option.split(",")) {
            statuses.add(IncidentStatus.parse(text).orElseThrow(() -> new UsageException(
                    "--status takes triggered, acknowledged or resolved (comma-separated), got \"" + text.strip()
                            + "\"")));
        }
        return statuses;
    }

    /** How an escalation that PagerDuty took is said: the level, and who it is assigned to now. */
    static String escalated(IncidentSummary incident, int level) {
        return "escalated to level " + level + (incident.assignees().isEmpty() ? ""
                : ", assigned to " + String.join(", ", incident.assignees()));
    }

    /** {@code --note}, {@code --level} and {@code --for} as given, each null when absent. */
    record ActionOptions(String note, String level, String snoozeFor) {
    }

    /** One incident action with its options checked up front, before any incident is touched. */
    private interface IncidentAction {
        RestResult<String> apply(PagerDutyRestClient client, String id) throws InterruptedException;

        static IncidentAction of(String action, ActionOptions options) throws UsageException {
            String note = options.note();
            switch (action) {
                case "ack":
                    return (client, id) -> client.acknowledge(id).map(i -> "acknowledged");
                case "resolve":
                    return (client, id) -> client.resolve(id, note).map(i -> "resolved");
                case "escalate":
                    if (options.level() == null) {
                        return new NextLevelEscalation()::apply;
                    }
                    int level = level(options.level());
                    return (client, id) -> client.escalate(id, level).map(i -> escalated(i, level));
                case "snooze":
                    Duration duration = snoozeFor(options.snoozeFor());
                    return (client, id) -> client.snooze(id, duration).map(i -> "snoozed for "
                            + DurationText.format(duration));
                case "note":
                    if (note == null || note.isBlank()) {
                        throw new UsageException("incident note needs --note TEXT");
                    }
                    return (client, id) -> client.addNote(id, note).map(n -> "note added");
                default:
                    throw new UsageException("unknown incident action \"" + action + "\"");
            }
        }

        private static int level(String text) throws UsageException {
            try {
                int level = Integer.parseInt(text.strip());
                if (level >= 1) {
                    return level;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException("--level must be a whole number of 1 or more, got \"" + text + "\"");
        }

        private static Duration snoozeFor(String text) throws UsageException {
            if (text == null) {
                throw new UsageException("incident snooze needs --for DURATION, e.g. --for 1h");
            }
            Duration duration;
            try {
                duration = DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--for: " + e.getMessage());
            }
            if (duration.toSeconds() < 1 || duration.compareTo(Duration.ofDays(7)) > 0) {
                throw new UsageException("--for must be between 1s and 7d, got \"" + text + "\"");
            }
            return duration;
        }
    }
}
