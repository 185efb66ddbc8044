package dev.klaxon.app.backend;

import dev.klaxon.guard.FloodRelease;
import dev.klaxon.guard.Silence;
import dev.klaxon.guard.SilenceRequest;
import dev.klaxon.message.Severity;
import dev.klaxon.route.RenderedEvent;
import dev.klaxon.secret.SecretRef;
import dev.klaxon.stats.TailEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The operator's actions on what the engine saw: silence it, escalate it by hand, release what a flood held. */
public interface ActionsBackend {
    /** Adds a silence; audited by the engine as {@code silence.add}. */
    CompletableFuture<Silence> addSilence(SilenceRequest request);

    /**
     * Where a manual escalation may go: the routing key references of the configured page routes, in config order,
     * each once. References only: a secret is never read here.
     */
    List<SecretRef> pageRoutingKeys();

    /** The exact event escalating this message would send (routing key masked); fails when it cannot be decoded. */
    CompletableFuture<RenderedEvent> previewEscalation(String subject, byte[] body, Map<String, List<String>> headers,
                                                       SecretRef routingKey, Severity severity);

    /** Forces one message to PagerDuty through the outbox; completes with its outbox id once committed. */
    CompletableFuture<Long> escalate(String subject, byte[] body, Map<String, List<String>> headers,
                                     SecretRef routingKey, Severity severity);

    /** What flood state holds back for a subject now, with the newest id (in memory; cheap). */
    HeldBatch held(String subject);

    /**
     * Sends exactly the held triggers a person confirmed (those of {@code batch}, none held after it) through the
     * outbox; completes with how many went, fewer when some were released elsewhere or forgotten meanwhile.
     */
    CompletableFuture<Integer> release(HeldBatch batch);

    /** The last releases of held triggers, newest first (the team's sender's in team mode); from memory. */
    List<FloodRelease> floodReleases();

    /** Whether older messages can be read back (team mode: the stream keeps them). */
    boolean keepsHistory();

    /**
     * Up to {@code limit} messages of {@code subject} stored before {@code oldestShown}, read back from the team's
     * stream with the decision they would get now (nothing counted or paged), oldest first.
     */
    CompletableFuture<List<TailEntry>> olderMessages(String subject, TailEntry oldestShown, int limit);
}
