package dev.klaxon.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Picks the rules for a subject: in order, the first match wins, unless that rule says {@code continue: true}, in
 * which case later matches are collected too, up to and including the next match without {@code continue}.
 * Immutable and thread-safe.
 *
 * <p>Runs for every message. The common outcome (one rule, or none) returns a list made at construction, so routing
 * allocates only when {@code continue} actually collects several rules.
 */
public final class Router {
    private final RouteRule[] rules;
    private final SubjectPattern[] patterns;
    private final List<List<RouteRule>> alone;

    public Router(List<RouteRule> rules) {
        Objects.requireNonNull(rules, "rules");
        this.rules = rules.toArray(RouteRule[]::new);
        this.patterns = new SubjectPattern[this.rules.length];
        List<List<RouteRule>> singles = new ArrayList<>(this.rules.length);
        for (int i = 0; i < this.rules.length; i++) {
            RouteRule rule = Objects.requireNonNull(this.rules[i], "rules[" + i + "]");
            patterns[i] = Objects.requireNonNull(rule.match(), "rules[" + i + "].match");
            singles.add(List.of(rule));
        }
        this.alone = List.copyOf(singles);
    }

    /** The rules that apply to {@code subject}, in config order; empty when none matches. */
    public List<RouteRule> route(String subject) {
        for (int i = 0; i < rules.length; i++) {
            if (patterns[i].matches(subject)) {
                return rules[i].continueMatching() ? collectFrom(i, subject) : alone.get(i);
            }
        }
        return List.of();
    }

    /** The rules, in order. */
    public List<RouteRule> rules() {
        return List.of(rules);
    }

    private List<RouteRule> collectFrom(int first, String subject) {
        List<RouteRule> hits = new ArrayList<>(4);
        hits.add(rules[first]);
        for (int i = first + 1; i < rules.length; i++) {
            if (patterns[i].matches(subject)) {
                hits.add(rules[i]);
                if (!rules[i].continueMatching()) {
                    break;
                }
            }
        }
        return List.copyOf(hits);
    }
}
