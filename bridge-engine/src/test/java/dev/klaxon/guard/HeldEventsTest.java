package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.klaxon.decision.RuleHit;
import dev.klaxon.route.RouteAction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Held triggers are released exactly as a person saw them counted. */
class HeldEventsTest {
    private static final Instant AT = Instant.parse("2026-01-01T03:00:00Z");
    private static final RuleHit PAGE = new RuleHit(0, "routes[0]", RouteAction.PAGE, false,
            JsonNodeFactory.instance.objectNode(), List.of(), null);

    @Test
    void takeUpToReleasesOnlyWhatWasHeldUpToTheGivenIdAndLeavesLaterOnesHeld() {
        HeldEvents held = new HeldEvents(100);
        for (int i = 0; i < 3; i++) {
            held.add("alerts.prod.db", PAGE, AT, 0);
        }
        held.add("alerts.prod.web", PAGE, AT, 0);
        long seen = held.of("alerts.prod.db").get(2).id();
        held.add("alerts.prod.db", PAGE, AT, 0); // arrives meanwhile

        assertThat(held.takeUpTo("alerts.prod.db", seen)).hasSize(3).allMatch(e -> e.id() <= seen);
        assertThat(held.of("alerts.prod.db")).hasSize(1).allMatch(e -> e.id() > seen);
        assertThat(held.of("alerts.prod.web")).hasSize(1);
        assertThat(held.takeUpTo("alerts.prod.db", seen)).as("already released").isEmpty();
    }
}
