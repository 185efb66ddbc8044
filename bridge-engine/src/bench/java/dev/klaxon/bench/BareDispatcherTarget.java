package dev.klaxon.bench;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** The baseline: a jnats Dispatcher whose handler only counts. Nothing can consume core NATS much faster in Java. */
final class BareDispatcherTarget implements FloodTarget {

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong slowConsumer = new AtomicLong();

    BareDispatcherTarget(String url, String subject) throws IOException, InterruptedException, TimeoutException {
        ErrorListener errors = new ErrorListener() {
            @Override
            public void slowConsumerDetected(Connection conn, Consumer consumer) {
                slowConsumer.incrementAndGet();
            }
        };
        connection = Nats.connect(new Options.Builder().server(url).connectionName("bench-bare")
                .errorListener(errors).build());
        dispatcher = connection.createDispatcher(message -> count.incrementAndGet());
        dispatcher.subscribe(subject);
        // The server has our interest once a PING after the SUB is answered.
        connection.flush(Duration.ofSeconds(10));
    }

    @Override
    public Progress progress() {
        long n = count.get();
        return new Progress(n, n, dispatcher.getDroppedCount(), slowConsumer.get());
    }

    @Override
    public String mode() {
        return "bare";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
