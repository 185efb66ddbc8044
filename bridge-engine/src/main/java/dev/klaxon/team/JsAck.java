package dev.klaxon.team;

import dev.klaxon.message.StreamAck;
import io.nats.client.Message;
import java.time.Duration;

/** Settles a pulled JetStream message. A failed ack only means the server redelivers it: never thrown. */
record JsAck(Message message) implements StreamAck {
    @Override
    public void ack() {
        try {
            message.ack();
        } catch (RuntimeException e) {
            // the connection is gone: the server redelivers after ack_wait, and the fence stops a second send
        }
    }

    @Override
    public void inProgress() {
        try {
            message.inProgress();
        } catch (RuntimeException e) {
            // as above
        }
    }

    @Override
    public void nak(long delayMillis) {
        try {
            message.nakWithDelay(Duration.ofMillis(delayMillis));
        } catch (RuntimeException e) {
            // as above
        }
    }
}
