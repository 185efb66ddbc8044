package dev.klaxon.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.engine.Engine;
import dev.klaxon.guard.SignatureVerifier;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A captured signed trigger replayed after the team's sender changed (real nats-server with JetStream, engines in
 * this JVM): before, each sender remembered only the signatures it had accepted itself, so the next sender paged the
 * replay. Every member now remembers the signatures of the messages it watches too.
 */
class TeamSignatureReplayTest {
    private static final String SECRET = "team-signing-secret-team-signing";
    private static final String SUBJECT = "alerts.prod.payments.api";
    private static final Duration WAIT = TeamBench.WAIT;

    @TempDir
    Path dir;
    private OneServerTeam team;

    @BeforeEach
    void start() throws Exception {
        team = OneServerTeam.start(dir);
        team.team().signing(SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        team.close();
    }

    private Headers signed(String body) {
        SignatureVerifier publisher = new SignatureVerifier(SECRET.getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        long now = Clock.systemUTC().instant().getEpochSecond();
        return new Headers().add(SignatureVerifier.TIMESTAMP_HEADER, Long.toString(now))
                .add(SignatureVerifier.SIGNATURE_HEADER, publisher.sign(now, body.getBytes(StandardCharsets.UTF_8)));
    }

    private void publish(Headers headers, String body) throws Exception {
        team.client().jetStream().publish(SUBJECT, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean said(Engine engine, String reason) {
        return engine.tail(SUBJECT).stream().anyMatch(entry -> entry.reason() != null
                && entry.reason().contains(reason));
    }

    @Test
    void theNextSenderRefusesAReplayOfWhatThePreviousSenderAccepted() throws Exception {
        Engine alice = team.team().start("alice", "auto", true);
        TeamBench.awaitSender(alice);
        Engine bob = team.team().start("bob", "auto", true);
        String body = "{\"summary\":\"card declines\",\"dedup_key\":\"pay/replay\"}";
        Headers captured = signed(body);

        publish(captured, body);
        await().atMost(WAIT).until(() -> team.pagerDuty().acceptedEvents().size() == 1);
        await().atMost(WAIT).until(() -> !bob.tail(SUBJECT).isEmpty()); // bob watched it

        team.team().stop(alice);
        TeamBench.awaitSender(bob);
        publish(captured, body); // a second stream message with the same bytes: a replay

        await().atMost(WAIT).until(() -> said(bob, "replayed signature"));
        await().during(Duration.ofSeconds(2)).atMost(WAIT)
                .until(() -> team.pagerDuty().acceptedEvents().size() == 1);
    }

    @Test
    void aMessageWatchedAndThenPulledByTheSameMemberIsNoReplay() throws Exception {
        // A console watches for its first seconds before it competes for the lease: it sees the message, remembers
        // its signature, then pulls the same stream message as the sender and must page it.
        Engine console = team.team().start("console", "auto", false);
        await().atMost(WAIT).ignoreExceptions().until(() -> team.client().jetStreamManagement()
                .getStreamInfo("KLAXON_ALERTS") != null); // the console made the stream
        String body = "{\"summary\":\"card declines\",\"dedup_key\":\"pay/once\"}";
        publish(signed(body), body);
        await().atMost(WAIT).until(() -> !console.tail(SUBJECT).isEmpty());
        assertThat(console.team().status().sending()).isFalse();

        TeamBench.awaitSender(console);
        await().atMost(WAIT).until(() -> team.pagerDuty().acceptedEvents().size() == 1);
        assertThat(said(console, "replayed signature")).isFalse();
    }
}
