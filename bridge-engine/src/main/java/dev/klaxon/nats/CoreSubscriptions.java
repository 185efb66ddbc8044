package dev.klaxon.nats;

import dev.klaxon.config.NatsConfig;
import io.nats.client.Connection;
import dev.klaxon.message.StreamPosition;
import io.nats.client.Dispatcher;
import io.nats.client.MessageHandler;
import java.time.Duration;

/**
 * Core NATS: one dispatcher subscribed to every configured subject (in the queue group if one is set), each
 * message handed off as it arrives. What Klaxon does without team mode, and what team mode falls back to when the
 * server has no JetStream or the stream cannot be used. One per connection.
 */
public final class CoreSubscriptions implements Subscriptions {
    private final NatsConfig config;
    private final IngestSettings settings;
    private final StreamPosition tag;
    private volatile Dispatcher dispatcher;

    public CoreSubscriptions(NatsConfig config, IngestSettings settings) {
        this(config, settings, null);
    }

    /** @param tag given to every message handed off (team mode's view only: watch, never page); null for none */
    public CoreSubscriptions(NatsConfig config, IngestSettings settings, StreamPosition tag) {
        this.config = config;
        this.settings = settings;
        this.tag = tag;
    }

    @Override
    public void open(Connection connection, MessageHandoff handoff) throws Exception {
        MessageHandler handler = tag == null ? handoff : message -> handoff.offer(message, tag);
        Dispatcher created = connection.createDispatcher(handler);
        created.setPendingLimits(settings.pendingMessageLimit(), settings.pendingByteLimit());
        dispatcher = created;
        for (String subject : config.subjects()) {
            if (config.queueGroup() == null) {
                created.subscribe(subject);
            } else {
                created.subscribe(subject, config.queueGroup());
            }
        }
        // only call it open once the server has our subscriptions: messages published after that arrive
        connection.flush(timeout());
    }

    /** Stops the subscriptions on a connection that stays open (team mode switching feeds). */
    public void stop(Connection connection) {
        Dispatcher current = dispatcher;
        if (current != null) {
            connection.closeDispatcher(current);
            dispatcher = null;
        }
    }

    @Override
    public long dropped() {
        Dispatcher current = dispatcher;
        return current == null ? 0 : current.getDroppedCount();
    }

    private Duration timeout() {
        return settings.connectionTimeout();
    }
}
