package dev.klaxon.nats;

import dev.klaxon.message.InboundMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Stands in for the engine's queue: keeps what it accepts; {@code accept} decides per message. */
final class RecordingSink implements Predicate<InboundMessage> {

    private final List<InboundMessage> accepted = new CopyOnWriteArrayList<>();
    private final Predicate<InboundMessage> accept;

    RecordingSink() {
        this(message -> true);
    }

    RecordingSink(Predicate<InboundMessage> accept) {
        this.accept = accept;
    }

    @Override
    public boolean test(InboundMessage message) {
        if (!accept.test(message)) {
            return false;
        }
        accepted.add(message);
        return true;
    }

    List<InboundMessage> accepted() {
        return List.copyOf(accepted);
    }

    List<String> bodies() {
        return accepted.stream().map(message -> new String(message.body(), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    boolean received(String body) {
        return bodies().contains(body);
    }
}
