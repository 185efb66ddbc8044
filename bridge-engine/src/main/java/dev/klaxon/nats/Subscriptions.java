package dev.klaxon.nats;

import io.nats.client.Connection;

/**
 * What a connected session subscribes to, and where the messages go: core subscriptions on every configured subject
 * ({@link CoreSubscriptions}), or team mode's JetStream consumers. Called on the session's own thread.
 */
public interface Subscriptions {
    /**
     * Subscribes on a fresh connection; messages go to {@code handoff}. Returns once the server has the
     * subscriptions (messages published after that arrive) or throws why it cannot.
     */
    void open(Connection connection, MessageHandoff handoff) throws Exception;

    /** The connection closed for good (a new session gets a new one): stop using it. */
    default void closed() {
    }

    /** Messages the client dropped because they came faster than they were handed off; 0 when unknown. */
    default long dropped() {
        return 0;
    }
}
