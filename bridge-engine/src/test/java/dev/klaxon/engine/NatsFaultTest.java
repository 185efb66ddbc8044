package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.decision.Outcome;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.nats.ConnectionStatus;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS faults under traffic (issue 15): the nats-server restarted on the same port, then stalled with SIGSTOP for
 * longer than the engine's ping interval (a hung server or a dead network path: the socket stays open and silent),
 * then SIGCONT. A separate client publishes at a steady rate through its own reconnect buffer all along.
 *
 * <p>The engine must go through reconnecting and back to connected each time, count each gap and its length in its
 * connection status (a stall is noticed only when the pings go unanswered, so the status also dates the last message
 * before the gap), decide every message it received, and deliver to the PagerDuty double every event it accepted
 * into its outbox. Core NATS has no redelivery: what was published while the engine had no subscription is not
 * received, and the test prints how much that was, by fault.
 *
 * <p>About a minute (the production ping interval of 5 s with two pings outstanding notices the stall after two to
 * four intervals, measured 19.6 s; it was 20 s, and a stall went unnoticed for 70 s):
 * {@code mvn -B -ntp -pl bridge-engine -am verify -Pfault-tests}.
 */
@Tag("fault")
class NatsFaultTest {
    private static final String ROUTING_KEY = "NATSFAULTNATSFAULTNATSFAULTNATS1";
    private static final Duration TICK = Duration.ofMillis(40);
    private static final int RESOLVE_LAG = 20;
    private static final int SUBJECTS = 50;
    private static final Duration STEADY = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aRestartAndAStallAreReconnectedCountedAndLoseNothingAccepted() throws Exception {
        try (NatsServerProcess server = NatsServerProcess.start();
             PagerDutySimulator pagerDuty = PagerDutySimulator.start()) {
            Engine engine = TestEngines.startConnected(dir, """
                    nats:
                      servers: ["%s"]
                      subjects: ["alerts.>"]
                    pagerduty:
                      events_url: "%s"
                      budget_per_minute: 100000
                      retry: { base: 100ms, cap: 1s }
                    storage:
                      dir: "%s"
                    routes:
                      - match: "alerts.prod.>"
                        action: page
                        routing_key_env: PD_ROUTING_KEY_PROD
                        severity: critical
                    """.formatted(server.url(), pagerDuty.eventsUrl(), dir.resolve("data")), Clock.systemUTC(),
                    Map.of("PD_ROUTING_KEY_PROD", ROUTING_KEY));
            List<ConnectionStatus> statuses = Collections.synchronizedList(new ArrayList<>());
            engine.onConnectionChange(statuses::add);
            AtomicBoolean running = new AtomicBoolean(true);
            try (Connection publisher = Nats.connect(Options.builder().server(server.url()).maxReconnects(-1)
                    .reconnectWait(Duration.ofMillis(100)).reconnectBufferSize(16L * 1024 * 1024).build())) {
                Publisher traffic = new Publisher(publisher, running);
                Thread thread = new Thread(traffic, "nats-fault-publisher");
                thread.start();
                Thread.sleep(STEADY.toMillis());

                // 1. A restart: SIGTERM, then the same binary, port and store again.
                long before = engine.summary().ingest().received();
                long publishedBefore = traffic.published.get();
                Instant restartAt = Instant.now();
                server.restart();
                Instant restarted = Instant.now();
                awaitConnectedAgain(engine, 1);
                Instant reconnected = Instant.now();
                Thread.sleep(STEADY.toMillis());
                long restartReceived = engine.summary().ingest().received() - before;
                long restartPublished = traffic.published.get() - publishedBefore;
                System.out.printf("nats faults: restart took %d ms, the engine was connected again %d ms after it "
                                + "began; in that phase %d published, %d received by the engine%n",
                        Duration.between(restartAt, restarted).toMillis(),
                        Duration.between(restartAt, reconnected).toMillis(), restartPublished, restartReceived);

                // 2. A stall: SIGSTOP until the engine's pings notice (longer than its ping interval), then SIGCONT.
                before = engine.summary().ingest().received();
                publishedBefore = traffic.published.get();
                Instant stoppedAt = Instant.now();
                signal("-STOP", server.pid());
                Instant noticed;
                try {
                    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                            engine.summary().connection().state() != ConnectionState.CONNECTED);
                    noticed = Instant.now();
                    Thread.sleep(3_000); // the engine tries to reconnect into a server that does not answer
                } finally {
                    signal("-CONT", server.pid());
                }
                Instant resumedAt = Instant.now();
                Instant lastMessage = engine.summary().connection().lastMessageBeforeGap();
                awaitConnectedAgain(engine, 2);
                Instant reconnectedAfterStall = Instant.now();
                Thread.sleep(STEADY.toMillis());
                long stallReceived = engine.summary().ingest().received() - before;
                long stallPublished = traffic.published.get() - publishedBefore;
                System.out.printf("nats faults: SIGSTOP for %d ms; the engine noticed after %d ms (its status: the "
                                + "last message came %d ms after SIGSTOP) and was connected again %d ms after SIGCONT; "
                                + "in that phase %d published, %d received by the engine%n",
                        Duration.between(stoppedAt, resumedAt).toMillis(),
                        Duration.between(stoppedAt, noticed).toMillis(),
                        lastMessage == null ? -1 : Duration.between(stoppedAt, lastMessage).toMillis(),
                        Duration.between(resumedAt, reconnectedAfterStall).toMillis(), stallPublished,
                        stallReceived);
                assertThat(Duration.between(stoppedAt, noticed)).as("a stalled server is noticed by the pings")
                        .isLessThan(Duration.ofSeconds(25));

                running.set(false);
                thread.join();
                publisher.flush(Duration.ofSeconds(10));

                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                    EngineSnapshot now = engine.summary();
                    return now.processed() == now.ingest().received() && now.delivery().outbox().pending() == 0
                            && now.delivery().inFlight() == 0;
                });
                EngineSnapshot end = engine.summary();
                ConnectionStatus connection = end.connection();
                Set<String> outbox = outboxEvents();
                Set<String> delivered = new HashSet<>();
                for (ReceivedRequest request : pagerDuty.received()) {
                    if (request.accepted() && !request.isChangeEvent()) {
                        delivered.add(request.field("dedup_key") + "/" + request.field("event_action"));
                    }
                }
                Set<String> missing = new HashSet<>(outbox);
                missing.removeAll(delivered);
                System.out.printf("nats faults: %d published (%d refused by the publisher's client), %d received, %d "
                                + "decided (%d forwarded), %d accepted into the outbox, %d delivered, %d missing; "
                                + "status %s, %d disconnections, %d ms disconnected in all; transitions %s%n",
                        traffic.published.get(), traffic.refused.get(), end.ingest().received(), end.processed(),
                        end.total(Outcome.FORWARDED), outbox.size(), delivered.size(), missing.size(),
                        connection.state(), connection.disconnections(), connection.timeDisconnected().toMillis(),
                        statuses.stream().map(s -> s.state().name().toLowerCase()).toList());

                assertThat(statuses.stream().map(ConnectionStatus::state).toList())
                        .as("connected, a gap, connected, a gap, connected")
                        .startsWith(ConnectionState.CONNECTED)
                        .containsSubsequence(ConnectionState.CONNECTED, ConnectionState.RECONNECTING,
                                ConnectionState.CONNECTED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED);
                assertThat(connection.state()).isEqualTo(ConnectionState.CONNECTED);
                assertThat(connection.disconnections()).isEqualTo(2);
                Duration gaps = Duration.between(restartAt, reconnected)
                        .plus(Duration.between(noticed, reconnectedAfterStall));
                assertThat(connection.timeDisconnected()).as("the two gaps, as the test saw them: %s", gaps)
                        .isPositive().isLessThanOrEqualTo(gaps.plusSeconds(2));
                assertThat(lastMessage).as("the status dates the stall by its last message").isNotNull()
                        .isBetween(stoppedAt.minusSeconds(2), stoppedAt.plusSeconds(2));
                assertThat(end.ingest().overflowed()).isZero();
                assertThat(end.ingest().clientDropped()).isZero();
                assertThat(end.processed()).as("every message received was decided").isEqualTo(
                        end.ingest().received());
                assertThat(end.total(Outcome.FORWARDED)).as("every forwarded decision is an outbox event")
                        .isEqualTo(outbox.size());
                assertThat(outbox).as("received after each fault").hasSizeGreaterThan((int) (3 * STEADY.toMillis()
                        / TICK.toMillis()));
                assertThat(missing).as("accepted events PagerDuty never got").isEmpty();
            } finally {
                running.set(false);
                engine.close();
            }
        }
    }

    private static void awaitConnectedAgain(Engine engine, int disconnections) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            ConnectionStatus status = engine.summary().connection();
            return status.state() == ConnectionState.CONNECTED && status.disconnections() == disconnections;
        });
    }

    /** The dedup_key/action of every event the engine committed to its outbox (read-only, as another process). */
    private Set<String> outboxEvents() throws Exception {
        Set<String> events = new HashSet<>();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:file:" + dir.resolve("data")
                .resolve("outbox.db") + "?mode=ro");
             var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT dedup_key, event_action FROM events")) {
            while (rows.next()) {
                events.add(rows.getString(1) + "/" + rows.getString(2));
            }
        }
        return events;
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill %s %d", signal, pid)
                .isTrue();
    }

    /** Trigger of key i and resolve of key i − {@link #RESOLVE_LAG} every tick, over {@link #SUBJECTS} subjects. */
    private static final class Publisher implements Runnable {
        private final Connection connection;
        private final AtomicBoolean running;
        final AtomicLong published = new AtomicLong();
        final AtomicLong refused = new AtomicLong();

        Publisher(Connection connection, AtomicBoolean running) {
            this.connection = connection;
            this.running = running;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; running.get(); i++) {
                    send(i, "trigger");
                    if (i >= RESOLVE_LAG) {
                        send(i - RESOLVE_LAG, "resolve");
                    }
                    Thread.sleep(TICK.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void send(int key, String action) {
            byte[] body = ("{\"summary\":\"nats fault " + key + "\",\"dedup_key\":\"nf-" + key
                    + "\",\"event_action\":\"" + action + "\"}").getBytes(StandardCharsets.UTF_8);
            try {
                connection.publish("alerts.prod.nf.s" + key % SUBJECTS, body);
                published.incrementAndGet();
            } catch (IllegalStateException bufferFull) {
                refused.incrementAndGet(); // the client's reconnect buffer is full: the publisher knows
            }
        }
    }
}
