package dev.klaxon.engine;

import dev.klaxon.stats.StatsLimits;
import java.util.function.UnaryOperator;

/**
 * Tuning and outside-world hooks of an engine, apart from the user's config.
 *
 * @param environment   lookup of environment variables for {@code *_env} secrets
 * @param queueCapacity messages the ingest queue holds before refusing (refusals are counted)
 * @param queueBytes    body bytes the ingest queue holds before refusing
 * @param outboxHold    events for PagerDuty that may wait in memory for the outbox (a full disk), see
 *                      {@link OutboxHold}
 * @param headless      a headless bridge ({@code run}) rather than a console: in team mode it wins the sender lease
 *                      over consoles in {@code auto}
 * @param member        this member's name in team mode; null for {@code user@host/pid}
 */
public record EngineOptions(UnaryOperator<String> environment, StatsLimits statsLimits, int queueCapacity,
                            long queueBytes, OutboxHold outboxHold, boolean headless, String member) {

    public EngineOptions(UnaryOperator<String> environment, StatsLimits statsLimits, int queueCapacity,
                         long queueBytes, OutboxHold outboxHold) {
        this(environment, statsLimits, queueCapacity, queueBytes, outboxHold, false, null);
    }

    /** About one second of a 200k msg/s flood; bytes bound it when bodies are large. */
    public static EngineOptions defaults() {
        return new EngineOptions(System::getenv, StatsLimits.defaults(), 262_144, 64L * 1024 * 1024,
                OutboxHold.DEFAULT);
    }

    public EngineOptions withEnvironment(UnaryOperator<String> lookup) {
        return new EngineOptions(lookup, statsLimits, queueCapacity, queueBytes, outboxHold, headless, member);
    }

    public EngineOptions withOutboxHold(OutboxHold hold) {
        return new EngineOptions(environment, statsLimits, queueCapacity, queueBytes, hold, headless, member);
    }

    public EngineOptions withMember(String name) {
        return new EngineOptions(environment, statsLimits, queueCapacity, queueBytes, outboxHold, headless, name);
    }

    public EngineOptions asHeadless() {
        return new EngineOptions(environment, statsLimits, queueCapacity, queueBytes, outboxHold, true, member);
    }
}
