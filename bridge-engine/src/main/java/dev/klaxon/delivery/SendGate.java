package dev.klaxon.delivery;

import dev.klaxon.audit.DeliveryState;
import dev.klaxon.outbox.PendingEvent;

/**
 * Team mode's say in each send: whether this member may send an event now, and what follows once its outcome is
 * recorded (fence the dedup_key, acknowledge the message). Core mode lets everything through.
 */
public interface SendGate {
    /** Lets every event through and needs to hear of nothing: core mode. */
    SendGate OPEN = new SendGate() {
        @Override
        public String veto(PendingEvent event) {
            return null;
        }

        @Override
        public void settled(PendingEvent event, DeliveryState state) {
        }
    };

    /**
     * Asked on a sender thread just before an attempt (it may use the network briefly).
     *
     * @return null to send; otherwise why this member must not, and the event is recorded as superseded
     */
    String veto(PendingEvent event);

    /**
     * The event reached a final state and it is recorded: delivered (202), dead letter or superseded. Called on a
     * storage thread: must hand any slow work to a thread of its own.
     */
    void settled(PendingEvent event, DeliveryState state);
}
