package dev.klaxon.app.backend.engine;

import dev.klaxon.app.backend.ActionsBackend;
import dev.klaxon.app.backend.HeldBatch;
import dev.klaxon.engine.Engine;
import dev.klaxon.guard.FloodRelease;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.message.Severity;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.stats.TailEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Silence, escalate and release through the engine, each handed over on the command thread. */
record EngineActions(Engine engine, BackendThreads threads) implements ActionsBackend {
    @Override
    public CompletableFuture<Silence> addSilence(SilenceRequest request) {
        return threads.command(() -> engine.addSilence(request));
    }

    @Override
    public List<SecretRef> pageRoutingKeys() {
        return engine.config().routes().stream()
                .filter(rule -> rule.action() == RouteAction.PAGE && rule.routingKey() != null)
                .map(RouteRule::routingKey).distinct().toList();
    }

    @Override
    public CompletableFuture<RenderedEvent> previewEscalation(String subject, byte[] body,
                                                              Map<String, List<String>> headers, SecretRef routingKey,
                                                              Severity severity) {
        return threads.read(() -> engine.previewEscalation(subject, body, headers, routingKey, severity));
    }

    @Override
    public CompletableFuture<Long> escalate(String subject, byte[] body, Map<String, List<String>> headers,
                                            SecretRef routingKey, Severity severity) {
        return threads.command(() -> engine.escalate(subject, body, headers, routingKey, severity));
    }

    @Override
    public HeldBatch held(String subject) {
        return HeldBatches.of(subject, engine.heldEvents(subject));
    }

    @Override
    public CompletableFuture<Integer> release(HeldBatch batch) {
        return threads.command(() -> engine.releaseHeld(batch.subject(), batch.upToId()));
    }

    @Override
    public List<FloodRelease> floodReleases() {
        return engine.floodReleases();
    }

    @Override
    public boolean keepsHistory() {
        return engine.config().nats().teamMode();
    }

    @Override
    public CompletableFuture<List<TailEntry>> olderMessages(String subject, TailEntry oldestShown, int limit) {
        return threads.command(() -> engine.olderMessages(subject, oldestShown.streamSequence(),
                oldestShown.receivedAt(), limit));
    }
}
