package dev.klaxon.app.ui.flood;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.delivery.DeliveryStatus;
import dev.klaxon.delivery.Reachability;
import dev.klaxon.outbox.OutboxStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetMeterTest {
    @Test
    void warnsNearTheBudgetAndFlagsItSpent() {
        assertThat(new BudgetMeter("env:K", 95, 120, 0, 0).level()).isEqualTo(BudgetMeter.Level.OK);
        assertThat(new BudgetMeter("env:K", 96, 120, 0, 0).level()).isEqualTo(BudgetMeter.Level.NEAR);
        assertThat(new BudgetMeter("env:K", 120, 120, 0, 0).level()).isEqualTo(BudgetMeter.Level.SPENT);
        assertThat(new BudgetMeter("env:K", 60, 120, 0, 0).used()).isEqualTo(0.5);
    }

    @Test
    void oneMeterPerKeyConfiguredOrBusyWithItsOwnNumbers() {
        DeliveryStatus status = new DeliveryStatus(new OutboxStats(7, Duration.ofSeconds(30), 0, 0,
                Map.of("env:PROD", 7L)), Map.of("env:PROD", 120, "file:/etc/pd/staging", 3), 120,
                Reachability.REACHABLE, null, null, 0, Map.of("env:PROD", 4L));
        List<BudgetMeter> meters = BudgetMeter.of(status, List.of("env:IDLE", "env:PROD"));
        assertThat(meters).containsExactly(
                new BudgetMeter("env:IDLE", 0, 120, 0, 0),
                new BudgetMeter("env:PROD", 120, 120, 7, 4),
                new BudgetMeter("file:/etc/pd/staging", 3, 120, 0, 0));
        assertThat(BudgetMeter.of(null, List.of("env:IDLE"))).containsExactly(new BudgetMeter("env:IDLE", 0, 0, 0, 0));
    }
}
