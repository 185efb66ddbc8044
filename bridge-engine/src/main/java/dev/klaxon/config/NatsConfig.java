package dev.klaxon.config;

import java.util.List;

/**
 * The {@code nats:} section. {@code queueGroup}, {@code tls} and {@code jetstream} are null when not configured;
 * without {@code jetstream} Klaxon runs in core mode (each console pages on its own).
 */
public record NatsConfig(List<String> servers, List<String> subjects, String queueGroup, NatsAuth auth, TlsConfig tls,
                         JetStreamConfig jetstream) {
    public NatsConfig {
        servers = List.copyOf(servers);
        subjects = List.copyOf(subjects);
        auth = auth == null ? new NatsAuth.None() : auth;
    }

    /** Core mode: no {@code jetstream} section. */
    public NatsConfig(List<String> servers, List<String> subjects, String queueGroup, NatsAuth auth, TlsConfig tls) {
        this(servers, subjects, queueGroup, auth, tls, null);
    }

    public boolean teamMode() {
        return jetstream != null;
    }

    public NatsConfig withJetStream(JetStreamConfig newJetStream) {
        return new NatsConfig(servers, subjects, queueGroup, auth, tls, newJetStream);
    }
}
