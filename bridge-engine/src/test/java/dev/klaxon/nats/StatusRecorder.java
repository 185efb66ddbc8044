package dev.klaxon.nats;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Every status a listener was told about, in order. */
final class StatusRecorder implements Consumer<ConnectionStatus> {

    private final List<ConnectionStatus> seen = new CopyOnWriteArrayList<>();

    @Override
    public void accept(ConnectionStatus status) {
        seen.add(status);
    }

    List<ConnectionStatus> all() {
        return List.copyOf(seen);
    }

    List<ConnectionState> states() {
        return seen.stream().map(ConnectionStatus::state).toList();
    }

    ConnectionState last() {
        return seen.isEmpty() ? null : seen.get(seen.size() - 1).state();
    }
}
