package dev.klaxon.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A plain client that publishes test messages and waits until the server has them. */
final class TestPublisher implements AutoCloseable {

    private final Connection connection;

    private TestPublisher(Connection connection) {
        this.connection = connection;
    }

    static TestPublisher connect(String url) throws Exception {
        return connect(url, builder -> builder);
    }

    static TestPublisher connect(String url, UnaryOperator<Options.Builder> customise) throws Exception {
        Options options = customise.apply(new Options.Builder().server(url)
                .connectionTimeout(Duration.ofSeconds(10)).maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100))).build();
        return new TestPublisher(Nats.connectReconnectOnConnect(options));
    }

    void publish(String subject, String body) {
        connection.publish(subject, body.getBytes(StandardCharsets.UTF_8));
    }

    void publish(String subject, Headers headers, String body) {
        connection.publish(subject, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes and returns once the server has processed the message (not once a subscriber got it). */
    void publishAndFlush(String subject, String body) throws Exception {
        publish(subject, body);
        flush();
    }

    void flush() throws Exception {
        connection.flush(Duration.ofSeconds(20));
    }

    /** For awaits that publish until a message gets through: never throws, reports whether the flush worked. */
    boolean tryPublish(String subject, String body) {
        try {
            publishAndFlush(subject, body);
            return true;
        } catch (Exception e) {
            return false;
        }
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
