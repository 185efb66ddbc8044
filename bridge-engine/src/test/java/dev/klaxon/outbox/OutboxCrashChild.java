package dev.klaxon.outbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Child JVM for {@link OutboxCrashTest}: enqueues events one by one, printing each id once its future has
 * completed (i.e. committed), and never stops on its own; the parent kills it mid-stream.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {
    }

    public static void main(String[] args) {
        Outbox outbox = Outbox.open(Path.of(args[0]), Clock.systemUTC());
        for (int i = 0; ; i++) {
            long id = outbox.enqueue(List.of(Events.trigger("crash-" + i, Instant.EPOCH))).join().get(0);
            System.out.println("committed " + id);
            System.out.flush();
        }
    }
}
