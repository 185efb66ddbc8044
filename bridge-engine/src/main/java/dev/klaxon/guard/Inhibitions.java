package dev.klaxon.guard;

import dev.klaxon.config.InhibitRule;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.EventAction;
import dev.klaxon.message.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code guards.inhibit}: which "while" alerts are firing, and whether they hold back a trigger. An alert fires from
 * its trigger until its resolve (an acknowledge does not end it), keyed by subject and dedup_key. Bounded: each rule
 * remembers at most {@link #MAX_FIRING} firing alerts, the oldest forgotten first. {@link #observe} is for the
 * processing thread; {@link #inhibiting} only reads.
 */
final class Inhibitions {
    static final int MAX_FIRING = 10_000;

    private final List<RuleState> rules = new ArrayList<>();

    Inhibitions(List<InhibitRule> rules) {
        for (InhibitRule rule : rules) {
            this.rules.add(new RuleState(rule));
        }
    }

    /**
     * The inhibitions of {@code next} (a config reload); a rule with the same while, hold and below as a current one
     * keeps the alerts it knows are firing, wherever it now stands in the list.
     */
    Inhibitions reconfigured(List<InhibitRule> next) {
        Inhibitions inhibitions = new Inhibitions(next);
        for (RuleState state : inhibitions.rules) {
            for (RuleState old : rules) {
                if (sameMeaning(old.rule, state.rule)) {
                    state.firing.putAll(old.firing);
                    break;
                }
            }
        }
        return inhibitions;
    }

    private static boolean sameMeaning(InhibitRule a, InhibitRule b) {
        return a.whilePattern().equals(b.whilePattern()) && a.holdPattern().equals(b.holdPattern())
                && a.below() == b.below();
    }

    /** Notes a trigger or resolve on a "while" subject. */
    void observe(AlertMessage message, Instant now) {
        for (RuleState state : rules) {
            if (!state.rule.whilePattern().matches(message.subject())) {
                continue;
            }
            String key = message.subject() + " " + (message.dedupKey() == null ? "" : message.dedupKey());
            if (message.eventAction() == EventAction.TRIGGER) {
                state.firing.putIfAbsent(key, new Firing(message.subject(), message.dedupKey(), now));
            } else if (message.eventAction() == EventAction.RESOLVE) {
                state.firing.remove(key);
            }
        }
    }

    /** Why a trigger on {@code subject} with {@code severity} is held back now, if it is. */
    Optional<String> inhibiting(String subject, Severity severity) {
        for (RuleState state : rules) {
            InhibitRule rule = state.rule;
            if (state.firing.isEmpty() || !rule.holdPattern().matches(subject) || rule.whilePattern().matches(subject)
                    || severity.ordinal() <= rule.below().ordinal()) {
                continue;
            }
            Firing cause = state.firing.values().iterator().next();
            return Optional.of("inhibited by " + rule.label() + ": " + cause.subject() + " is firing since "
                    + cause.since() + (cause.dedupKey() == null ? "" : " (dedup_key " + cause.dedupKey() + ")")
                    + "; holds " + rule.holdPattern().text() + " below " + rule.below().wire());
        }
        return Optional.empty();
    }

    private record Firing(String subject, String dedupKey, Instant since) {
    }

    private static final class RuleState {
        final InhibitRule rule;
        final Map<String, Firing> firing = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Firing> eldest) {
                return size() > MAX_FIRING;
            }
        };

        RuleState(InhibitRule rule) {
            this.rule = rule;
        }
    }
}
