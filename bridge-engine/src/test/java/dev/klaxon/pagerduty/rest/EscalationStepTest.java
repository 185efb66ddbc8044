package dev.klaxon.pagerduty.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationStepTest {
    private static final List<OnCall> POLICY = List.of(
            new OnCall("U1", "Ada", "EP1", "Primary", 1, null, null),
            new OnCall("U2", "Lin", "EP1", "Primary", 2, null, null),
            new OnCall("U3", "Sam", "EP1", "Primary", 3, null, null),
            new OnCall("U9", "Kim", "EP2", "Other", 5, null, null));

    private static IncidentSummary assignedTo(String policy, String... users) {
        return new IncidentSummary("P1", 1, "t", "triggered", "high", "S1", "Service", "k", null, null,
                List.of(users), new IncidentSummary.AlertCounts(1, 1, 0), policy, List.of(users));
    }

    @Test
    void theNextLevelIsTheOneAfterTheHighestLevelAnAssigneeIsOnCallAtInTheIncidentsPolicy() {
        assertThat(EscalationStep.of(assignedTo("EP1", "U1"), POLICY)).isEqualTo(new EscalationStep(1, 2, 3));
        assertThat(EscalationStep.of(assignedTo("EP1", "U1", "U2"), POLICY)).isEqualTo(new EscalationStep(2, 3, 3));
        // U9 is on call at level 5, but of another policy: it says nothing about this incident.
        assertThat(EscalationStep.of(assignedTo("EP1", "U9"), POLICY)).isEqualTo(new EscalationStep(1, 2, 3));
    }

    @Test
    void atThePolicysLastLevelThereIsNoNextOne() {
        EscalationStep step = EscalationStep.of(assignedTo("EP1", "U3"), POLICY);
        assertThat(step.atLastLevel()).isTrue();
        assertThat(step.current()).isEqualTo(3);
    }

    @Test
    void aPolicyTheOnCallsDoNotShowStillGetsTheNextLevelAndPagerDutyJudgesIt() {
        EscalationStep step = EscalationStep.of(assignedTo("EP7", "U1"), POLICY);
        assertThat(step).isEqualTo(new EscalationStep(1, 2, 0));
        assertThat(step.atLastLevel()).isFalse();
    }
}
