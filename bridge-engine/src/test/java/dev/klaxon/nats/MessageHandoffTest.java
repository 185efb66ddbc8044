package dev.klaxon.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.message.InboundMessage;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageHandoffTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void copiesSubjectBodyAndHeadersAndStampsTheClockTime() {
        RecordingSink sink = new RecordingSink();
        MessageHandoff handoff = new MessageHandoff(CLOCK, sink);
        Headers headers = new Headers().add("Klaxon-Signature", "sig").add("Multi", "a", "b");

        handoff.onMessage(NatsMessage.builder().subject("alerts.x").headers(headers)
                .data("body".getBytes(StandardCharsets.UTF_8)).build());
        headers.put("Klaxon-Signature", "changed later");

        InboundMessage message = sink.accepted().get(0);
        assertThat(message.subject()).isEqualTo("alerts.x");
        assertThat(message.body()).asString(StandardCharsets.UTF_8).isEqualTo("body");
        assertThat(message.header("Klaxon-Signature")).isEqualTo("sig");
        assertThat(message.headers().get("Multi")).containsExactly("a", "b");
        assertThat(message.receivedAt()).isEqualTo(NOW);
        assertThat(handoff.received()).isEqualTo(1);
        assertThat(handoff.overflowed()).isZero();
    }

    @Test
    void aRefusalIsCountedAsOverflow() {
        MessageHandoff handoff = new MessageHandoff(CLOCK, message -> false);

        handoff.onMessage(NatsMessage.builder().subject("alerts.x").data("a").build());
        handoff.onMessage(NatsMessage.builder().subject("alerts.x").data("b").build());

        assertThat(handoff.received()).isEqualTo(2);
        assertThat(handoff.overflowed()).isEqualTo(2);
    }

    @Test
    void aSinkThatThrowsLosesTheMessageVisiblyAndKeepsTheDispatcherAlive() {
        MessageHandoff handoff = new MessageHandoff(CLOCK, message -> {
            throw new IllegalStateException("engine bug");
        });

        handoff.onMessage(NatsMessage.builder().subject("alerts.x").data("a").build());

        assertThat(handoff.overflowed()).isEqualTo(1);
    }

    @Test
    void anEmptyMessageHasAnEmptyBodyAndNoHeaders() {
        RecordingSink sink = new RecordingSink();
        new MessageHandoff(CLOCK, sink).onMessage(NatsMessage.builder().subject("alerts.x").build());

        assertThat(sink.accepted()).singleElement().satisfies(message -> {
            assertThat(message.body()).isEmpty();
            assertThat(message.headers()).isEqualTo(java.util.Map.of());
        });
    }

    @Test
    void headerValuesCannotBeChangedByTheEngine() {
        RecordingSink sink = new RecordingSink();
        new MessageHandoff(CLOCK, sink).onMessage(NatsMessage.builder().subject("alerts.x")
                .headers(new Headers().add("A", "1")).data("x").build());

        List<String> values = sink.accepted().get(0).headers().get("A");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> values.add("2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
