package dev.klaxon.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.guard.GuardEvent;
import dev.klaxon.guard.HeldEvent;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.outbox.Endpoint;
import dev.klaxon.outbox.NewEvent;
import dev.klaxon.route.RouteAction;
import dev.klaxon.storage.StorageState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

/**
 * Hands every event for PagerDuty to the outbox, through the {@link CommitQueue}: what live page and change rules
 * produced, and what the guards (coalesced floods) or a person (released held triggers, manual escalations) add.
 * The processing thread never waits on disk.
 *
 * <p>It runs before the live stats count a decision, because only here is it known whether the outbox took the
 * event: a trigger storage cannot take is held in memory and its reason says so, and one the full hold cannot keep
 * is counted as rejected with the reason {@code lost: storage full ...}, never as forwarded.
 */
final class OutboxSink {
    /** What the outbox and the audit call a change event's action; the Events API gives it none. */
    static final String CHANGE_ACTION = "change";

    private final CommitQueue commits;
    private final ObjectMapper mapper;
    private final String outboxFile;
    private final TeamPaging team;

    OutboxSink(CommitQueue commits, ObjectMapper mapper, Path outboxFile, TeamPaging team) {
        this.commits = commits;
        this.team = team;
        this.mapper = mapper;
        this.outboxFile = outboxFile.getFileName().toString();
    }

    /** The decision as it stands once the outbox has taken (or could not take) its events. */
    Decision commit(InboundMessage message, Decision decision) {
        if (decision.outcome() != Outcome.FORWARDED) {
            return decision;
        }
        List<NewEvent> events = new ArrayList<>(1);
        StringJoiner rulesSending = new StringJoiner(", ");
        for (RuleHit hit : decision.hits()) {
            if (hit.action().sendsEvent() && !hit.shadow()) {
                events.add(event(message, hit));
                rulesSending.add(hit.ruleLabel() + " " + hit.action().wire());
            }
        }
        if (events.isEmpty()) {
            return decision;
        }
        CommitQueue.Admission admission = commits.offer(events);
        if (admission.kind() == CommitQueue.Kind.LOST) {
            team.giveBack(message);
        } else {
            team.expect(message, events.size());
        }
        String storage = (admission.storage().state() == StorageState.FAILING ? "storage failing" : "storage full")
                + " (" + outboxFile + ")";
        return switch (admission.kind()) {
            case COMMITTING -> decision;
            case HELD -> new Decision(decision.at(), decision.subject(), Outcome.FORWARDED, rulesSending
                    + " held in memory, not yet committed: " + storage + "; sent once it can be written",
                    decision.hits(), decision.message());
            case LOST -> new Decision(decision.at(), decision.subject(), Outcome.REJECTED, "lost: " + storage
                    + " and " + commits.held() + " events already held in memory (the limit): " + rulesSending
                    + " not sent", decision.hits(), decision.message());
        };
    }

    /** Commits a flood's coalesced event like any page: the guards made it, no message did. */
    void acceptCoalesced(GuardEvent.Coalesced coalesced) {
        commits.offer(List.of(alertEvent(coalesced.subject(), coalesced.ruleIndex(), coalesced.ruleLabel(),
                coalesced.routingKeyRef(), coalesced.body(), coalesced.at())));
    }

    /** Commits held triggers a person released; completes when they are in the outbox. */
    CompletableFuture<List<Long>> release(List<HeldEvent> held) {
        List<NewEvent> events = new ArrayList<>(held.size());
        for (HeldEvent event : held) {
            events.add(alertEvent(event.subject(), event.ruleIndex(), event.ruleLabel(),
                    event.routingKeyRef(), event.body(), event.heldAt()));
        }
        return commits.offer(events).ids();
    }

    /** Commits a person's manual escalation, which no route made: it names its own rule and routing key. */
    CompletableFuture<List<Long>> escalate(String subject, String ruleLabel, String routingKeyRef, ObjectNode body,
                                           Instant at) {
        return commits.offer(List.of(alertEvent(subject, -1, ruleLabel, routingKeyRef, body, at))).ids();
    }

    private NewEvent event(InboundMessage message, RuleHit hit) {
        ObjectNode body = team.forPagerDuty(message, hit.eventBody());
        long sequence = team.sequence(message);
        long delivery = team.delivery(message);
        if (hit.action() == RouteAction.CHANGE) {
            // A change event has no dedup_key, so no order to keep: it never waits behind another event.
            return new NewEvent(message.subject(), hit.ruleIndex(), hit.ruleLabel(), hit.routingKeyRef(),
                    Endpoint.CHANGE, null, CHANGE_ACTION, json(body), message.receivedAt(), sequence, delivery);
        }
        return alertEvent(message.subject(), hit.ruleIndex(), hit.ruleLabel(), hit.routingKeyRef(),
                body, message.receivedAt(), sequence, delivery);
    }

    private NewEvent alertEvent(String subject, int ruleIndex, String ruleLabel, String routingKeyRef,
                                ObjectNode body, Instant at) {
        return alertEvent(subject, ruleIndex, ruleLabel, routingKeyRef, body, at, 0, 0);
    }

    private NewEvent alertEvent(String subject, int ruleIndex, String ruleLabel, String routingKeyRef,
                                ObjectNode body, Instant at, long streamSeq, long streamDelivery) {
        return new NewEvent(subject, ruleIndex, ruleLabel, routingKeyRef, Endpoint.ALERT,
                body.path("dedup_key").asText(null), body.path("event_action").asText("trigger"), json(body), at,
                streamSeq, streamDelivery);
    }

    private String json(ObjectNode body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event body that cannot be written as JSON", e);
        }
    }
}
