package dev.klaxon.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.GuardsConfig;
import dev.klaxon.config.RateLimit;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.Severity;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Guards the pager between routing and the outbox. A decision to forward alert events is checked, in this order,
 * against the active silences, the inhibit rules, the dedup window and the subject's flood state; the first that
 * applies turns it into {@code silenced}, {@code inhibited}, {@code deduplicated} or {@code held}, with a reason that
 * names it. Everything else passes unchanged. Change events page no one
 * and always pass.
 *
 * <p>{@link #apply} is for live traffic and keeps state (dedup times, flood rates, firing alerts, silence match
 * counts); call it from the processing thread only. {@link #explain} answers "what would happen" from any thread and
 * changes nothing. The state is guarded by this object's lock, which only an explanation ever contends for.
 *
 * <p>With {@code guards.shadow: true} everything is decided as usual, and what would have been forwarded is
 * shadowed instead: rendered and counted, never sent.
 */
public final class PagerGuards {
    private final SilenceBook silences;
    private final Consumer<GuardEvent> events;
    private final HeldEvents held = new HeldEvents(HeldEvents.DEFAULT_CAPACITY);
    // What follows is built from the guards: section; a reload replaces it under this object's lock.
    private volatile GuardsConfig config;
    private DedupWindow dedup;
    /** One per configured flood threshold, tried in order: per subject, per routing key, global. */
    private volatile List<FloodTracker> floods;
    private FloodTracker globalFlood;
    private Inhibitions inhibitions;

    /** @param events what the guards do on their own (coalesced events, flood start and end); processing thread */
    public PagerGuards(GuardsConfig config, SilenceBook silences, Consumer<GuardEvent> events) {
        this.silences = silences;
        this.events = events;
        this.config = config;
        this.dedup = new DedupWindow(config.dedupWindow(), DedupWindow.MAX_KEYS);
        this.inhibitions = new Inhibitions(config.inhibit());
        this.floods = trackers(config, List.of());
        this.globalFlood = global(floods);
    }

    /**
     * Guards by {@code next} from now on (a config reload), keeping what the guards know: dedup times carry over into
     * the new window, a flood threshold that did not change keeps its rates and floods, inhibit rules that did not
     * change (wherever they stand) keep their firing alerts. A flood whose threshold changed or went ends now, with
     * its last update, so no coalesced incident is left open; what it held stays held for release. Call from the
     * processing thread.
     */
    public synchronized void reconfigure(GuardsConfig next, Instant now) {
        if (!next.dedupWindow().equals(config.dedupWindow())) {
            dedup = dedup.withWindow(next.dedupWindow());
        }
        inhibitions = inhibitions.reconfigured(next.inhibit());
        List<FloodTracker> kept = trackers(next, floods);
        for (FloodTracker old : floods) {
            if (!kept.contains(old)) {
                old.endAll(now);
            }
        }
        floods = kept;
        globalFlood = global(kept);
        config = next;
    }

    private List<FloodTracker> trackers(GuardsConfig config, List<FloodTracker> current) {
        List<FloodTracker> trackers = new ArrayList<>(3);
        addTracker(trackers, current, FloodScope.SUBJECT, config.floodPerSubject());
        addTracker(trackers, current, FloodScope.ROUTING_KEY, config.floodPerRoutingKey());
        addTracker(trackers, current, FloodScope.ALL, config.floodGlobal());
        return List.copyOf(trackers);
    }

    private void addTracker(List<FloodTracker> trackers, List<FloodTracker> current, FloodScope scope,
                            RateLimit threshold) {
        if (threshold == null) {
            return;
        }
        for (FloodTracker tracker : current) {
            if (tracker.scope() == scope && tracker.threshold().equals(threshold)) {
                trackers.add(tracker);
                return;
            }
        }
        trackers.add(new FloodTracker(scope, threshold, events));
    }

    private static FloodTracker global(List<FloodTracker> trackers) {
        for (FloodTracker tracker : trackers) {
            if (tracker.scope() == FloodScope.ALL) {
                return tracker;
            }
        }
        return null;
    }

    /** {@code guards.shadow}: nothing is sent, coalesced events included. */
    public boolean shadowAll() {
        return config.shadowAll();
    }

    /** Lets time-driven work happen (flood updates and ends); call from the processing thread, often. */
    public synchronized void tick(Instant now) {
        for (FloodTracker flood : floods) {
            flood.tick(now);
        }
    }

    /** Subjects in flood state now (as of the last tick); any thread. */
    public List<FloodStatus> floods() {
        List<FloodStatus> all = new ArrayList<>();
        for (FloodTracker flood : floods) {
            all.addAll(flood.status());
        }
        return all;
    }

    public Decision apply(Decision decision) {
        return apply(decision, 0);
    }

    /**
     * @param streamSequence team mode: the pulled message's place in the team's stream, kept with what flood state
     *                       holds so a next sender can hold it again; 0 otherwise
     */
    public Decision apply(Decision decision, long streamSequence) {
        return check(decision, true, true, streamSequence);
    }

    /**
     * Team mode, a message the stream delivers again: this member's dedup window may hold a trigger that it decided
     * and never sent (its lease lapsed and the event was superseded), so that window must not swallow the redelivery.
     * The team's fence, written only after PagerDuty's 202, judges it at send time instead.
     */
    public Decision applyRedelivered(Decision decision, long streamSequence) {
        return check(decision, true, false, streamSequence);
    }

    /**
     * A trigger this member decided was never sent (superseded in team mode): its dedup_key leaves the window, so the
     * next delivery of it is judged again. Any thread.
     */
    public synchronized void unsent(String routingKeyRef, String dedupKey) {
        dedup.resolved(routingKeyRef + "\u0000" + dedupKey);
    }

    public Decision explain(Decision decision) {
        return check(decision, false, true, 0);
    }

    private Decision check(Decision decision, boolean live, boolean localDedup, long streamSequence) {
        // Most of a flood is logged, never decoded: no guard looks at it, so it need not take the guards' lock.
        if (decision.message() == null && decision.outcome() != Outcome.FORWARDED) {
            return decision;
        }
        return checkUnderLock(decision, live, localDedup, streamSequence);
    }

    private synchronized Decision checkUnderLock(Decision decision, boolean live, boolean localDedup,
                                                 long streamSequence) {
        if (live && decision.message() != null) {
            inhibitions.observe(decision.message(), decision.at());
        }
        Decision guarded = guard(decision, live, localDedup, streamSequence);
        if (config.shadowAll() && guarded.outcome() == Outcome.FORWARDED) {
            return with(guarded, Outcome.SHADOWED, sendingRules(guarded)
                    + ": rendered, not sent (shadow mode: guards.shadow is true)");
        }
        return guarded;
    }

    private Decision guard(Decision decision, boolean live, boolean localDedup, long streamSequence) {
        if (decision.outcome() != Outcome.FORWARDED || decision.message() == null) {
            return decision;
        }
        List<RuleHit> pages = livePages(decision);
        if (pages.isEmpty()) {
            return decision;
        }
        List<String> keys = new ArrayList<>(pages.size());
        for (RuleHit page : pages) {
            keys.add(key(page));
        }
        AlertMessage message = decision.message();
        Instant now = decision.at();
        // Every page of one message carries the message's event_action; the first one's severity is what pages.
        ObjectNode first = pages.get(0).eventBody();
        String action = first.path("event_action").asText("trigger");
        if (action.equals("trigger")) {
            Optional<Silence> silence = live ? silences.match(message, now) : silences.find(message, now);
            if (silence.isPresent()) {
                return with(decision, Outcome.SILENCED, silence.get().label() + " until "
                        + silence.get().effectiveEnd() + " (" + silence.get().createdBy()
                        + (silence.get().reason().isBlank() ? "" : ": " + silence.get().reason()) + ")");
            }
            Severity severity = Severity.parse(first.path("payload").path("severity").asText(""))
                    .orElse(Severity.ERROR);
            Optional<String> inhibited = inhibitions.inhibiting(message.subject(), severity);
            if (inhibited.isPresent()) {
                return with(decision, Outcome.INHIBITED, inhibited.get());
            }
            Optional<Duration> since = localDedup ? sentWithinWindow(keys, now) : Optional.empty();
            if (since.isPresent()) {
                return with(decision, Outcome.DEDUPLICATED, "dedup_key sent " + since.get().toSeconds()
                        + " s ago, within dedup_window " + dedup.window().toSeconds() + " s");
            }
            RouteRule rule = pages.get(0).rule();
            for (FloodTracker flood : floods) {
                boolean holdable = flood != globalFlood || severity.ordinal() > config.floodGlobalBelow().ordinal();
                if (!live) {
                    Optional<String> held = holdable ? flood.describe(message.subject(), rule) : Optional.empty();
                    if (held.isPresent()) {
                        return with(decision, Outcome.HELD, held.get());
                    }
                } else if (flood.hold(message.subject(), rule, message, now, holdable)) {
                    for (RuleHit page : pages) {
                        held.add(decision.subject(), page, now, streamSequence);
                    }
                    return with(decision, Outcome.HELD, flood.describe(message.subject(), rule).orElse("held"));
                }
            }
        }
        if (live) {
            for (String key : keys) {
                if (action.equals("trigger")) {
                    dedup.triggerSent(key, now);
                } else if (action.equals("resolve")) {
                    dedup.resolved(key);
                }
            }
        }
        return decision;
    }

    /** The most recent of the keys' last sends, when every key was sent within the window. */
    private Optional<Duration> sentWithinWindow(List<String> keys, Instant now) {
        Duration shortest = null;
        for (String key : keys) {
            Optional<Instant> sent = dedup.sentWithinWindow(key, now);
            if (sent.isEmpty()) {
                return Optional.empty();
            }
            Duration ago = Duration.between(sent.get(), now);
            shortest = shortest == null || ago.compareTo(shortest) < 0 ? ago : shortest;
        }
        return Optional.ofNullable(shortest);
    }

    /** The alert events the decision would really send (change events page no one and pass every guard). */
    private static List<RuleHit> livePages(Decision decision) {
        List<RuleHit> pages = new ArrayList<>(1);
        for (RuleHit hit : decision.hits()) {
            if (hit.action() == RouteAction.PAGE && !hit.shadow() && hit.eventBody() != null) {
                pages.add(hit);
            }
        }
        return pages;
    }

    /** Dedup is per routing key reference and dedup_key. */
    private static String key(RuleHit page) {
        String ref = page.routingKeyRef() == null ? "" : page.routingKeyRef();
        return ref + "\u0000" + page.eventBody().path("dedup_key").asText("");
    }

    /** What flood state held back, for a person to release; any thread. */
    public HeldEvents held() {
        return held;
    }

    private static String sendingRules(Decision decision) {
        StringBuilder labels = new StringBuilder();
        for (RuleHit hit : decision.hits()) {
            if (hit.action().sendsEvent() && !hit.shadow()) {
                labels.append(labels.length() == 0 ? "" : ", ").append(hit.ruleLabel());
            }
        }
        return labels.toString();
    }

    private static Decision with(Decision decision, Outcome outcome, String reason) {
        return new Decision(decision.at(), decision.subject(), outcome, reason, decision.hits(), decision.message());
    }
}
