package dev.klaxon.nats;

/** The NATS connection as the operator sees it. */
public enum ConnectionState {
    CONNECTING, CONNECTED, RECONNECTING, DISCONNECTED, CLOSED
}
