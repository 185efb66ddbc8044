package dev.klaxon.config;

import java.util.List;

/** The {@code nats:} section. {@code queueGroup} and {@code tls} are null when not configured. */
public record NatsConfig(List<String> servers, List<String> subjects, String queueGroup, NatsAuth auth, TlsConfig tls) {
    public NatsConfig {
        servers = List.copyOf(servers);
        subjects = List.copyOf(subjects);
        auth = auth == null ? new NatsAuth.None() : auth;
    }
}
