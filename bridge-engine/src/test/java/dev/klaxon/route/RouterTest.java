package dev.klaxon.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {

    /** Rules from {@code "pattern"} or {@code "pattern +"} (continue: true), indexed in order. */
    private static Router router(String... specs) {
        List<RouteRule> rules = new ArrayList<>();
        for (String spec : specs) {
            boolean cont = spec.endsWith(" +");
            String pattern = cont ? spec.substring(0, spec.length() - 2) : spec;
            rules.add(new RouteRule(rules.size(), 0, SubjectPattern.compile(pattern), RouteAction.LOG, false, cont,
                    null, null, null, null));
        }
        return new Router(rules);
    }

    private static List<Integer> indexes(Router router, String subject) {
        return router.route(subject).stream().map(RouteRule::index).toList();
    }

    @Test
    void firstMatchWins() {
        Router router = router("alerts.prod.db", "alerts.prod.>", "alerts.>", ">");
        assertThat(indexes(router, "alerts.prod.db")).containsExactly(0);
        assertThat(indexes(router, "alerts.prod.web")).containsExactly(1);
        assertThat(indexes(router, "alerts.staging.web")).containsExactly(2);
        assertThat(indexes(router, "metrics")).containsExactly(3);
    }

    @Test
    void orderMattersNotSpecificity() {
        // A broad rule first shadows a specific rule after it.
        Router router = router("alerts.>", "alerts.prod.db");
        assertThat(indexes(router, "alerts.prod.db")).containsExactly(0);
    }

    @Test
    void nothingMatchesGivesAnEmptyList() {
        assertThat(router("alerts.>").route("metrics.cpu")).isEmpty();
        assertThat(router().route("alerts.x")).isEmpty();
    }

    @Test
    void continueCollectsUpToAndIncludingTheNextMatchWithoutContinue() {
        Router router = router("alerts.> +", "metrics.>", "alerts.prod.>", "alerts.>", ">");
        assertThat(indexes(router, "alerts.prod.db")).containsExactly(0, 2);
        assertThat(indexes(router, "alerts.staging.db")).containsExactly(0, 3);
    }

    @Test
    void chainedContinues() {
        Router router = router("alerts.> +", "*.prod.* +", "alerts.prod.db", ">");
        assertThat(indexes(router, "alerts.prod.db")).containsExactly(0, 1, 2);
        assertThat(indexes(router, "alerts.prod.web")).containsExactly(0, 1, 3);
        assertThat(indexes(router, "alerts.dev.web")).containsExactly(0, 3);
        assertThat(indexes(router, "metrics.prod.cpu")).containsExactly(1, 3);
        assertThat(indexes(router, "metrics.dev.cpu")).containsExactly(3);
    }

    @Test
    void continueOnTheLastMatchKeepsWhatWasCollected() {
        Router router = router("alerts.> +", "alerts.prod.> +", "metrics.>");
        assertThat(indexes(router, "alerts.prod.db")).containsExactly(0, 1);
        assertThat(indexes(router, "alerts.dev.db")).containsExactly(0);
    }

    @Test
    void continueOnANonMatchingRuleHasNoEffect() {
        Router router = router("metrics.> +", "alerts.>", "alerts.prod.>");
        assertThat(indexes(router, "alerts.prod.db")).containsExactly(1);
    }

    @Test
    void rulesAreKeptInConfigOrder() {
        Router router = router("a.>", "b.>");
        assertThat(router.rules()).extracting(r -> r.match().text()).containsExactly("a.>", "b.>");
    }

    @Test
    void resultIsUnmodifiable() {
        Router router = router("alerts.> +", "alerts.>");
        List<RouteRule> hits = router.route("alerts.x");
        assertThat(hits).hasSize(2);
        assertThatThrownBy(hits::clear)
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(router.route("alerts.x")).hasSize(2);
    }
}
