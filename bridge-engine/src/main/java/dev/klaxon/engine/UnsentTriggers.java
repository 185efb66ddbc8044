package dev.klaxon.engine;

import dev.klaxon.audit.DeliveryState;
import dev.klaxon.delivery.SendGate;
import dev.klaxon.guard.PagerGuards;
import dev.klaxon.outbox.PendingEvent;

/**
 * Team mode's send gate, plus one duty towards this member's dedup window: that window records a trigger when it is
 * decided, so a trigger that was then superseded (its message handed to the team when the lease lapsed) must leave
 * it again. Otherwise the window would call the message "sent" when the stream delivers it once more, and the
 * team would acknowledge an alert nobody paged. The team's fence (written after the 202) judges what is left.
 */
record UnsentTriggers(SendGate team, PagerGuards guards) implements SendGate {
    @Override
    public String veto(PendingEvent event) {
        return team.veto(event);
    }

    @Override
    public void settled(PendingEvent event, DeliveryState state) {
        if (state == DeliveryState.SUPERSEDED && "trigger".equals(event.eventAction()) && event.dedupKey() != null) {
            guards.unsent(event.routingKeyRef(), event.dedupKey());
        }
        team.settled(event, state);
    }
}
