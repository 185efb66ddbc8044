package dev.klaxon.app.ui.flood;

import dev.klaxon.delivery.DeliveryStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * One routing key's send budget at a glance. The key is named by its reference ({@code env:NAME} or
 * {@code file:PATH}), never by its value.
 *
 * @param reference   where the routing key is read from
 * @param sentLastWindow events sent within PagerDuty's sliding window (a minute) for this key
 * @param limit       events the key may send per window
 * @param pending     events of this key waiting in the outbox
 * @param rateLimited 429 answers PagerDuty gave this key since start
 */
public record BudgetMeter(String reference, int sentLastWindow, int limit, long pending, long rateLimited) {
    /** From this share of the budget on, the meter warns: the next burst may have to wait. */
    public static final double NEAR = 0.8;

    public enum Level { OK, NEAR, SPENT }

    public Level level() {
        if (limit > 0 && sentLastWindow >= limit) {
            return Level.SPENT;
        }
        return limit > 0 && sentLastWindow >= NEAR * limit ? Level.NEAR : Level.OK;
    }

    /** The share of the budget used, 0 to 1. */
    public double used() {
        return limit <= 0 ? 0 : Math.min(1, sentLastWindow / (double) limit);
    }

    /**
     * One meter per routing key that is configured or has anything to show, sorted by reference.
     *
     * @param configured references of the configured page routes' keys, shown even while idle
     */
    public static List<BudgetMeter> of(DeliveryStatus status, Collection<String> configured) {
        TreeSet<String> references = new TreeSet<>(configured);
        if (status == null) {
            List<BudgetMeter> idle = new ArrayList<>();
            references.forEach(ref -> idle.add(new BudgetMeter(ref, 0, 0, 0, 0)));
            return idle;
        }
        references.addAll(status.budgetUsage().keySet());
        references.addAll(status.outbox().pendingByRoutingKeyRef().keySet());
        references.addAll(status.rateLimited().keySet());
        List<BudgetMeter> meters = new ArrayList<>(references.size());
        for (String ref : references) {
            meters.add(new BudgetMeter(ref, status.budgetUsage().getOrDefault(ref, 0), status.budgetLimit(),
                    status.outbox().pendingByRoutingKeyRef().getOrDefault(ref, 0L),
                    status.rateLimited().getOrDefault(ref, 0L)));
        }
        return meters;
    }
}
