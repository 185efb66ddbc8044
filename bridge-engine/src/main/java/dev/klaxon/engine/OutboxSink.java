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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Commits every event a live page or change rule produced to the durable outbox. The outbox's writer batches commits, so the
 * processing thread never waits on disk; delivery is woken once the commit is done, never before.
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

    private void commit(List<NewEvent> events, String subject) {
        outbox.enqueue(events).whenComplete((ids, failure) -> {
            if (failure != null) {
                failures.addAndGet(events.size());
                LOG.log(Level.SEVERE, "could not commit " + events.size() + " event(s) of " + subject
                        + " to the outbox; they will not be sent", failure);
            } else {
                committed.run();
            }
        });
    }

    /** Commits a flood's coalesced event like any page: the guards made it, no message did. */
    void acceptCoalesced(GuardEvent.Coalesced coalesced) {
        String json;
        try {
            json = mapper.writeValueAsString(coalesced.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event body that cannot be written as JSON", e);
        }
        NewEvent event = new NewEvent(coalesced.subject(), coalesced.ruleIndex(), coalesced.ruleLabel(),
                rules.get(coalesced.ruleIndex()).routingKey().stored(), Endpoint.ALERT,
                coalesced.body().path("dedup_key").asText(), "trigger", json, coalesced.at());
        commit(List.of(event), coalesced.subject());
    }

    /** Commits held triggers a person released; completes when they are in the outbox. */
    CompletableFuture<List<Long>> release(List<HeldEvent> held) {
        List<NewEvent> events = new ArrayList<>(held.size());
        for (HeldEvent event : held) {
            String json;
            try {
                json = mapper.writeValueAsString(event.body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an event body that cannot be written as JSON", e);
            }
            events.add(new NewEvent(event.subject(), event.ruleIndex(), event.ruleLabel(),
                    rules.get(event.ruleIndex()).routingKey().stored(), Endpoint.ALERT, event.dedupKey(),
                    event.body().path("event_action").asText("trigger"), json, event.heldAt()));
        }
        return outbox.enqueue(events).whenComplete((ids, failure) -> {
            if (failure == null) {
                committed.run();
            }
        });
    }

    /** Events that could not be committed (disk full, database broken): shown so the loss is never silent. */
    long failures() {
        return failures.get();
    }

    private NewEvent event(InboundMessage message, RuleHit hit) {
        ObjectNode body = hit.eventBody();
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event body that cannot be written as JSON", e);
        }
        String routingKeyRef = rules.get(hit.ruleIndex()).routingKey().stored();
        if (hit.action() == RouteAction.CHANGE) {
            // A change event has no dedup_key, so no order to keep: it never waits behind another event.
            return new NewEvent(message.subject(), hit.ruleIndex(), hit.ruleLabel(), routingKeyRef, Endpoint.CHANGE, null,
                    CHANGE_ACTION, json, message.receivedAt());
        }
        return new NewEvent(message.subject(), hit.ruleIndex(), hit.ruleLabel(), routingKeyRef, Endpoint.ALERT,
                body.path("dedup_key").asText(null), body.path("event_action").asText("trigger"), json,
                message.receivedAt());
    }
}
