package dev.klaxon.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.Outcome;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.guard.GuardEvent;
import dev.klaxon.guard.PagerGuards;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceBook;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.route.RouteAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A dry run of a rules change: every replayed message is decided twice, by the current config and by a candidate,
 * each with routes and guards of its own whose clock is the message's stored time, so dedup windows, floods and
 * silences behave as they would have live. Nothing is sent, nothing is written, nothing is acknowledged. Not
 * thread-safe: one thread feeds it.
 */
public final class RulesReplay {
    /** Differences listed one by one; past this many they are only counted. */
    static final int MAX_LISTED = 10_000;

    private final Side current;
    private final Side candidate;
    private final AuditedPages audited;
    private final long[] audit = new long[4];
    private final List<ReplayReport.Difference> differences = new ArrayList<>();
    private final Map<String, ReplayReport.Counts> byRoute = new TreeMap<>();
    private final Map<String, ReplayReport.Counts> bySubject = new TreeMap<>();
    private long truncated;
    private long messages;
    private Instant from;
    private Instant to;

    /**
     * @param silences the silences both sides apply (the team's, or this laptop's), at each message's time
     * @param audited  what this member's audit says was really paged, to set both sides beside
     */
    public RulesReplay(KlaxonConfig currentConfig, KlaxonConfig candidateConfig, List<Silence> silences,
                       UnaryOperator<String> environment, AuditedPages audited) {
        this.current = new Side(currentConfig, silences, environment);
        this.candidate = new Side(candidateConfig, silences, environment);
        this.audited = audited;
    }

    /** Decides one stored message both ways; its {@code receivedAt} is the time the stream stored it. */
    public void accept(InboundMessage message) {
        messages++;
        if (from == null) {
            from = message.receivedAt();
        }
        to = message.receivedAt();
        Decision now = current.decide(message);
        Decision then = candidate.decide(message);
        Map<String, Page> nowPages = current.pages(now);
        Map<String, Page> thenPages = candidate.pages(then);
        Set<String> sent = audited.of(message.msgId());
        compareWithAudit(sent, nowPages, thenPages);
        ReplayReport.Kind kind = kind(nowPages, thenPages);
        if (kind == null) {
            return;
        }
        String route = kind == ReplayReport.Kind.REMOVED ? nowPages.keySet().iterator().next()
                : thenPages.keySet().iterator().next();
        byRoute.merge(route, new ReplayReport.Counts(0, 0, 0).plus(kind), (a, b) -> a.plus(kind));
        bySubject.merge(message.subject(), new ReplayReport.Counts(0, 0, 0).plus(kind), (a, b) -> a.plus(kind));
        if (differences.size() < MAX_LISTED) {
            differences.add(new ReplayReport.Difference(message.position() == null ? 0
                    : message.position().sequence(), message.msgId(), message.subject(), message.receivedAt(), kind,
                    words(now, nowPages), words(then, thenPages), !audited.read() ? null
                    : sent.isEmpty() ? "nothing" : "pages " + String.join("; ", sent)));
        } else {
            truncated++;
        }
    }

    public ReplayReport report() {
        Map<String, int[]> peaks = new TreeMap<>();
        current.peaks().forEach((key, peak) -> peaks.computeIfAbsent(key, k -> new int[2])[0] = peak);
        candidate.peaks().forEach((key, peak) -> peaks.computeIfAbsent(key, k -> new int[2])[1] = peak);
        return new ReplayReport(messages, from, to, current.outcomes(), candidate.outcomes(),
                List.copyOf(differences), truncated, Map.copyOf(byRoute), Map.copyOf(bySubject),
                new long[] {current.coalesced, candidate.coalesced}, peaks,
                new int[] {current.budgetPerMinute, candidate.budgetPerMinute},
                new ReplayReport.Audit(audited.read(), audit[0], audit[1], audit[2], audit[3]));
    }

    /** Counts the pages the audit recorded for this message that each side sends too, and the candidate's extra. */
    private void compareWithAudit(Set<String> sent, Map<String, Page> nowPages, Map<String, Page> thenPages) {
        if (!audited.read()) {
            return;
        }
        audit[0] += sent.size();
        audit[1] += nowPages.values().stream().filter(page -> sent.contains(page.audited())).count();
        long kept = thenPages.values().stream().filter(page -> sent.contains(page.audited())).count();
        audit[2] += kept;
        audit[3] += thenPages.size() - kept;
    }

    private static ReplayReport.Kind kind(Map<String, Page> now, Map<String, Page> then) {
        if (now.isEmpty() && then.isEmpty()) {
            return null;
        }
        if (now.isEmpty()) {
            return ReplayReport.Kind.ADDED;
        }
        if (then.isEmpty()) {
            return ReplayReport.Kind.REMOVED;
        }
        return new java.util.HashSet<>(now.values()).equals(new java.util.HashSet<>(then.values())) ? null
                : ReplayReport.Kind.CHANGED;
    }

    private static String words(Decision decision, Map<String, Page> pages) {
        return pages.isEmpty() ? decision.outcome().label()
                : "pages " + String.join("; ", pages.values().stream().map(Page::toString).toList());
    }

    /** One event a decision sends. */
    private record Page(String routingKey, String action, String dedupKey, String severity) {
        /** How the audit names it: the routing key is masked there. */
        String audited() {
            return AuditedPages.page(action, dedupKey);
        }

        @Override
        public String toString() {
            return routingKey + " " + action + " " + dedupKey + " " + severity;
        }
    }

    /** One config's routes and guards, on a clock of its own. */
    private static final class Side {
        private final ReplayClock clock = new ReplayClock(Instant.EPOCH);
        private final MessageProcessor processor;
        private final PagerGuards guards;
        private final EnumMap<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        private final int budgetPerMinute;
        /** Pages per routing key in the minute being counted, and the busiest minute seen. */
        private final Map<String, long[]> minute = new HashMap<>();
        private final Map<String, Integer> peak = new HashMap<>();
        private long coalesced;

        Side(KlaxonConfig config, List<Silence> silences, UnaryOperator<String> environment) {
            this.processor = new MessageProcessor(config.routes(), new MessageDecoder(), clock, environment);
            SilenceBook book = new SilenceBook();
            book.replace(silences);
            this.guards = new PagerGuards(config.guards(), book, this::onGuardEvent);
            this.budgetPerMinute = config.pagerduty().delivery().budgetPerMinute();
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, 0L);
            }
        }

        private void onGuardEvent(GuardEvent event) {
            if (event instanceof GuardEvent.Coalesced coalescedEvent) {
                coalesced++;
                countPage(routingKey(coalescedEvent.body()), coalescedEvent.at());
            }
        }

        Decision decide(InboundMessage message) {
            clock.set(message.receivedAt());
            guards.tick(message.receivedAt());
            Decision decision = guards.apply(processor.decide(message));
            outcomes.merge(decision.outcome(), 1L, Long::sum);
            if (decision.outcome() == Outcome.FORWARDED) {
                for (RuleHit hit : decision.hits()) {
                    if (hit.action() == RouteAction.PAGE && !hit.shadow() && hit.eventBody() != null) {
                        countPage(routingKey(hit.eventBody()), message.receivedAt());
                    }
                }
            }
            return decision;
        }

        /** The pages a decision sends, by route label. */
        Map<String, Page> pages(Decision decision) {
            if (decision.outcome() != Outcome.FORWARDED) {
                return Map.of();
            }
            Map<String, Page> pages = new TreeMap<>();
            for (RuleHit hit : decision.hits()) {
                if (hit.action() == RouteAction.PAGE && !hit.shadow() && hit.eventBody() != null) {
                    ObjectNode body = hit.eventBody();
                    pages.put(hit.ruleLabel(), new Page(routingKey(body), body.path("event_action").asText(),
                            body.path("dedup_key").asText(), body.path("payload").path("severity").asText("")));
                }
            }
            return pages;
        }

        private static String routingKey(ObjectNode body) {
            return body.path("routing_key").asText("?");
        }

        private void countPage(String routingKey, Instant at) {
            long minuteOf = at.getEpochSecond() / 60;
            long[] counted = minute.computeIfAbsent(routingKey, k -> new long[] {minuteOf, 0});
            if (counted[0] != minuteOf) {
                counted[0] = minuteOf;
                counted[1] = 0;
            }
            counted[1]++;
            peak.merge(routingKey, (int) counted[1], Math::max);
        }

        Map<Outcome, Long> outcomes() {
            return new EnumMap<>(outcomes);
        }

        Map<String, Integer> peaks() {
            return peak;
        }
    }
}
