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
import dev.klaxon.outbox.Outbox;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Commits every event for PagerDuty to the durable outbox: what live page and change rules produced, and what the
 * guards (coalesced floods) or a person (released held triggers, manual escalations) add. The outbox's writer
 * batches commits, so the processing thread never waits on disk; delivery is woken once the commit is done, never
 * before.
 */
final class OutboxSink implements DecisionSink {
    private static final Logger LOG = Logger.getLogger(OutboxSink.class.getName());

    /** What the outbox and the audit call a change event's action; the Events API gives it none. */
    static final String CHANGE_ACTION = "change";

    private final Outbox outbox;
    private final List<RouteRule> rules;
    private final ObjectMapper mapper;
    private final Runnable committed;
    private final AtomicLong failures = new AtomicLong();

    OutboxSink(Outbox outbox, List<RouteRule> rules, ObjectMapper mapper, Runnable committed) {
        this.outbox = outbox;
        this.rules = rules;
        this.mapper = mapper;
        this.committed = committed;
    }

    @Override
    public void accept(InboundMessage message, Decision decision, String bucket) {
        if (decision.outcome() != Outcome.FORWARDED) {
            return;
        }
        List<NewEvent> events = new ArrayList<>(1);
        for (RuleHit hit : decision.hits()) {
            if (hit.action().sendsEvent() && !hit.shadow()) {
                events.add(event(message, hit));
            }
        }
        commit(events, message.subject());
    }

    /** Commits a flood's coalesced event like any page: the guards made it, no message did. */
    void acceptCoalesced(GuardEvent.Coalesced coalesced) {
        commit(List.of(alertEvent(coalesced.subject(), coalesced.ruleIndex(), coalesced.ruleLabel(),
                routingKeyRef(coalesced.ruleIndex()), coalesced.body(), coalesced.at())), coalesced.subject());
    }

    /** Commits held triggers a person released; completes when they are in the outbox. */
    CompletableFuture<List<Long>> release(List<HeldEvent> held) {
        List<NewEvent> events = new ArrayList<>(held.size());
        for (HeldEvent event : held) {
            events.add(alertEvent(event.subject(), event.ruleIndex(), event.ruleLabel(),
                    routingKeyRef(event.ruleIndex()), event.body(), event.heldAt()));
        }
        return commit(events, held.isEmpty() ? "" : held.get(0).subject());
    }

    /** Commits a person's manual escalation, which no route made: it names its own rule and routing key. */
    CompletableFuture<List<Long>> escalate(String subject, String ruleLabel, String routingKeyRef, ObjectNode body,
                                           Instant at) {
        return commit(List.of(alertEvent(subject, -1, ruleLabel, routingKeyRef, body, at)), subject);
    }

    /** Events that could not be committed (disk full, database broken): shown so the loss is never silent. */
    long failures() {
        return failures.get();
    }

    /** Commits, then wakes delivery; a failure is counted and logged, and reaches the returned future too. */
    private CompletableFuture<List<Long>> commit(List<NewEvent> events, String subject) {
        return outbox.enqueue(events).whenComplete((ids, failure) -> {
            if (failure != null) {
                failures.addAndGet(events.size());
                LOG.log(Level.SEVERE, "could not commit " + events.size() + " event(s) of " + subject
                        + " to the outbox; they will not be sent", failure);
            } else {
                committed.run();
            }
        });
    }

    private NewEvent event(InboundMessage message, RuleHit hit) {
        if (hit.action() == RouteAction.CHANGE) {
            // A change event has no dedup_key, so no order to keep: it never waits behind another event.
            return new NewEvent(message.subject(), hit.ruleIndex(), hit.ruleLabel(), routingKeyRef(hit.ruleIndex()),
                    Endpoint.CHANGE, null, CHANGE_ACTION, json(hit.eventBody()), message.receivedAt());
        }
        return alertEvent(message.subject(), hit.ruleIndex(), hit.ruleLabel(), routingKeyRef(hit.ruleIndex()),
                hit.eventBody(), message.receivedAt());
    }

    private NewEvent alertEvent(String subject, int ruleIndex, String ruleLabel, String routingKeyRef,
                                       ObjectNode body, Instant at) {
        return new NewEvent(subject, ruleIndex, ruleLabel, routingKeyRef, Endpoint.ALERT,
                body.path("dedup_key").asText(null), body.path("event_action").asText("trigger"), json(body), at);
    }

    private String routingKeyRef(int ruleIndex) {
        return rules.get(ruleIndex).routingKey().stored();
    }

    private String json(ObjectNode body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event body that cannot be written as JSON", e);
        }
    }
}
