package dev.klaxon.nats;

import static dev.klaxon.nats.ConnectionState.CLOSED;
import static dev.klaxon.nats.ConnectionState.CONNECTED;
import static dev.klaxon.nats.ConnectionState.CONNECTING;
import static dev.klaxon.nats.ConnectionState.DISCONNECTED;
import static dev.klaxon.nats.ConnectionState.RECONNECTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.config.NatsAuth;
import dev.klaxon.config.NatsConfig;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.secret.SecretRef;
import io.nats.client.NKey;
import io.nats.client.impl.Headers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest against a real nats-server. */
class NatsIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Fast retries so a restarted server is noticed quickly; the production values are slower. */
    private static final IngestSettings FAST = IngestSettings.defaults()
            .withReconnectWait(Duration.ofMillis(50), Duration.ofMillis(250))
            .withConnectionTimeout(Duration.ofSeconds(2))
            .withRestartDelay(Duration.ofMillis(500));

    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeEverything() throws Exception {
        while (!cleanup.isEmpty()) {
            cleanup.pop().close();
        }
    }

    @Test
    void handsPublishedMessagesWithHeadersToTheSink() throws Exception {
        NatsServerProcess server = server(List.of());
        RecordingSink sink = new RecordingSink();
        NatsIngest ingest = started(config(server, "alerts.>"), sink);
        awaitState(ingest, CONNECTED);
        TestPublisher publisher = publisher(server.url());

        publisher.publish("other.ignored", "not for us");
        Headers headers = new Headers().add("Nats-Msg-Id", "abc-1").add("Klaxon-Timestamp", "1714557600");
        publisher.publish("alerts.prod.db", headers, "{\"summary\":\"disk full\"}");
        publisher.flush();

        await().atMost(WAIT).until(() -> sink.accepted().size() >= 1);
        InboundMessage message = sink.accepted().get(0);
        assertThat(message.subject()).isEqualTo("alerts.prod.db");
        assertThat(new String(message.body())).isEqualTo("{\"summary\":\"disk full\"}");
        assertThat(message.header("Nats-Msg-Id")).isEqualTo("abc-1");
        assertThat(message.header("Klaxon-Timestamp")).isEqualTo("1714557600");
        assertThat(message.receivedAt()).isEqualTo(NOW);
        // the server delivers in publish order, so the unsubscribed subject would have come first
        assertThat(sink.accepted()).hasSize(1);
        assertThat(ingest.counters(0, 0).received()).isEqualTo(1);
    }

    @Test
    void messagesWithoutHeadersOrBodyArriveToo() throws Exception {
        NatsServerProcess server = server(List.of());
        RecordingSink sink = new RecordingSink();
        NatsIngest ingest = started(config(server, "alerts.>"), sink);
        awaitState(ingest, CONNECTED);

        publisher(server.url()).publishAndFlush("alerts.empty", "");

        await().atMost(WAIT).until(() -> sink.accepted().size() == 1);
        assertThat(sink.accepted().get(0).body()).isEmpty();
        assertThat(sink.accepted().get(0).headers()).isEmpty();
    }

    @Test
    void reportsConnectingThenConnectedWithTheServerUrl() throws Exception {
        NatsServerProcess server = server(List.of());
        StatusRecorder recorder = new StatusRecorder();
        NatsIngest ingest = ingest(config(server, "alerts.>"), new RecordingSink());
        ingest.onStatusChange(recorder);

        ingest.start();

        await().atMost(WAIT).until(() -> recorder.last() == CONNECTED);
        assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED);
        assertThat(ingest.status().server()).isEqualTo(server.url());
        assertThat(ingest.status().since()).isEqualTo(NOW);
    }

    @Test
    void reconnectsAfterTheServerRestartsOnTheSamePortReportingEachChangeOnce() throws Exception {
        NatsServerProcess server = server(List.of());
        RecordingSink sink = new RecordingSink();
        StatusRecorder recorder = new StatusRecorder();
        NatsIngest ingest = ingest(config(server, "alerts.>"), sink);
        ingest.onStatusChange(recorder);
        ingest.start();
        await().atMost(WAIT).until(() -> recorder.last() == CONNECTED);

        server.stop();

        await().atMost(WAIT).until(() -> recorder.last() == RECONNECTING);
        // the client fails a reconnect every few hundred ms and says DISCONNECTED each time: we must not repeat it
        await().atMost(WAIT).until(() -> ingest.status().detail().contains("refused"));
        await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .until(() -> recorder.states().equals(List.of(CONNECTING, CONNECTED, RECONNECTING)));

        server.restart();

        await().atMost(WAIT).until(() -> recorder.last() == CONNECTED);
        assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, RECONNECTING, CONNECTED);
        TestPublisher publisher = publisher(server.url());
        await().atMost(WAIT).until(() -> publisher.tryPublish("alerts.after", "back") && sink.received("back"));
    }

    @Test
    void startedWhileTheServerIsDownConnectsWhenItComesUp() throws Exception {
        NatsServerProcess server = server(List.of());
        server.stop();
        RecordingSink sink = new RecordingSink();
        StatusRecorder recorder = new StatusRecorder();
        NatsIngest ingest = ingest(config(server, "alerts.>"), sink);
        ingest.onStatusChange(recorder);

        ingest.start(); // must not block although nothing listens

        await().atMost(WAIT).until(() -> ingest.status().detail().contains("refused"));
        assertThat(ingest.status().state()).isEqualTo(CONNECTING);

        server.restart();

        await().atMost(WAIT).until(() -> recorder.last() == CONNECTED);
        assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED);
        publisher(server.url()).publishAndFlush("alerts.late", "finally");
        await().atMost(WAIT).until(() -> sink.received("finally"));
    }

    @Test
    void authenticatesWithATokenFromTheEnvironment() throws Exception {
        NatsServerProcess server = server(List.of("--auth", "t0ken-right"));
        RecordingSink sink = new RecordingSink();
        NatsConfig config = config(server, new NatsAuth.Token(SecretRef.env("NATS_TOKEN")), "alerts.>");
        NatsIngest ingest = started(config, Map.of("NATS_TOKEN", "t0ken-right")::get, sink, FAST);
        awaitState(ingest, CONNECTED);

        publisher(server.url(), "t0ken-right").publishAndFlush("alerts.auth", "with token");

        await().atMost(WAIT).until(() -> sink.received("with token"));
    }

    @Test
    void aWrongTokenNeverConnectsAndNeverShowsTheToken() throws Exception {
        NatsServerProcess server = server(List.of("--auth", "t0ken-right"));
        StatusRecorder recorder = new StatusRecorder();
        NatsConfig config = config(server, new NatsAuth.Token(SecretRef.env("NATS_TOKEN")), "alerts.>");
        NatsIngest ingest = ingest(config, Map.of("NATS_TOKEN", "t0ken-wrong")::get, new RecordingSink(), FAST);
        ingest.onStatusChange(recorder);

        ingest.start();

        // the client gives up after the server refused twice; the ingest says so and tries again later
        await().atMost(WAIT).until(() -> recorder.last() == DISCONNECTED);
        assertThat(recorder.states()).doesNotContain(CONNECTED);
        assertThat(ingest.status().detail()).containsIgnoringCase("authorization violation");
        List<ConnectionStatus> everything = recorder.all();
        assertThat(everything).allSatisfy(status -> assertThat(status.toString())
                .doesNotContain("t0ken-wrong").doesNotContain("t0ken-right"));
        assertThat(ingest.status().toString()).doesNotContain("t0ken-wrong");
    }

    @Test
    void authenticatesWithUserAndPassword() throws Exception {
        NatsServerProcess server = server(List.of("--user", "klaxon", "--pass", "pa55word"));
        RecordingSink sink = new RecordingSink();
        NatsConfig config = config(server, new NatsAuth.UserPassword("klaxon", SecretRef.env("NATS_PASSWORD")),
                "alerts.>");
        NatsIngest ingest = started(config, Map.of("NATS_PASSWORD", "pa55word")::get, sink, FAST);
        awaitState(ingest, CONNECTED);

        TestPublisher publisher = publisher(server.url(),
                builder -> builder.userInfo("klaxon".toCharArray(), "pa55word".toCharArray()));
        publisher.publishAndFlush("alerts.user", "with password");

        await().atMost(WAIT).until(() -> sink.received("with password"));
    }

    @Test
    void authenticatesWithAnNKeySeedFile() throws Exception {
        NKey user = NKey.createUser(null);
        Path serverConfig = dir.resolve("nkey.conf");
        Files.writeString(serverConfig, "authorization { users = [ { nkey: \"" + new String(user.getPublicKey())
                + "\" } ] }\n");
        Path seedFile = dir.resolve("user.nk");
        Files.writeString(seedFile, "# bridge key\n" + new String(user.getSeed()) + "\n");
        NatsServerProcess server = server(List.of("--config", serverConfig.toString()));
        RecordingSink sink = new RecordingSink();
        NatsIngest ingest = started(config(server, new NatsAuth.NKeySeedFile(seedFile), "alerts.>"),
                name -> null, sink, FAST);
        awaitState(ingest, CONNECTED);

        TestPublisher publisher = publisher(server.url(), builder -> builder.authHandler(new NKeySeedAuthHandler(seedFile)));
        publisher.publishAndFlush("alerts.nkey", "with nkey");

        await().atMost(WAIT).until(() -> sink.received("with nkey"));
    }

    @Test
    void countsExactlyTheMessagesTheSinkRefused() throws Exception {
        NatsServerProcess server = server(List.of());
        AtomicInteger offered = new AtomicInteger();
        RecordingSink sink = new RecordingSink(message -> offered.incrementAndGet() % 3 != 0);
        NatsIngest ingest = started(config(server, "alerts.>"), sink);
        awaitState(ingest, CONNECTED);
        TestPublisher publisher = publisher(server.url());

        for (int i = 1; i <= 30; i++) {
            publisher.publish("alerts.flood", "m" + i);
        }
        publisher.flush();

        await().atMost(WAIT).until(() -> ingest.counters(0, 0).received() == 30);
        IngestCounters counters = ingest.counters(7, 100);
        assertThat(counters.overflowed()).isEqualTo(10);
        assertThat(sink.accepted()).hasSize(20);
        assertThat(counters.queueDepth()).isEqualTo(7);
        assertThat(counters.queueCapacity()).isEqualTo(100);
        assertThat(counters.clientDropped()).isZero();
    }

    @Test
    void whatTheClientDropsPastItsPendingLimitIsCountedNotLost() throws Exception {
        NatsServerProcess server = server(List.of());
        CountDownLatch release = new CountDownLatch(1);
        // a stalled engine: the first message blocks the dispatcher until released
        Predicate<InboundMessage> stalled = message -> {
            block(release);
            return true;
        };
        RecordingSink sink = new RecordingSink(stalled);
        NatsIngest ingest = started(config(server, "alerts.>"), name -> null, sink,
                FAST.withPendingLimits(10, 1024 * 1024));
        awaitState(ingest, CONNECTED);
        TestPublisher publisher = publisher(server.url());

        for (int i = 0; i < 200; i++) {
            publisher.publish("alerts.burst", "b" + i);
        }
        publisher.flush();
        await().atMost(WAIT).until(() -> ingest.counters(0, 0).clientDropped() > 0);
        release.countDown();

        await().atMost(WAIT).until(() -> {
            IngestCounters counters = ingest.counters(0, 0);
            return counters.received() + counters.clientDropped() == 200;
        });
        IngestCounters counters = ingest.counters(0, 0);
        assertThat(counters.slowConsumer()).isPositive();
        assertThat(sink.accepted()).hasSize((int) counters.received());
    }

    @Test
    void aQueueGroupSharesMessagesBetweenBridges() throws Exception {
        NatsServerProcess server = server(List.of());
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        NatsConfig grouped = new NatsConfig(List.of(server.url()), List.of("alerts.>"), "klaxon-bridge",
                new NatsAuth.None(), null);
        NatsIngest one = started(grouped, first);
        NatsIngest two = started(grouped, second);
        awaitState(one, CONNECTED);
        awaitState(two, CONNECTED);
        TestPublisher publisher = publisher(server.url());

        for (int i = 0; i < 50; i++) {
            publisher.publish("alerts.shared", "q" + i);
        }
        publisher.flush();

        // each message goes to exactly one member of the group: the total settles at 50, never above
        await().atMost(WAIT).during(Duration.ofMillis(500))
                .until(() -> first.accepted().size() + second.accepted().size() == 50);
        assertThat(one.counters(0, 0).received() + two.counters(0, 0).received()).isEqualTo(50);
    }

    @Test
    void subscribesToEveryConfiguredSubject() throws Exception {
        NatsServerProcess server = server(List.of());
        RecordingSink sink = new RecordingSink();
        NatsIngest ingest = started(config(server, "alerts.prod.>", "ops.*.page"), sink);
        awaitState(ingest, CONNECTED);
        TestPublisher publisher = publisher(server.url());

        publisher.publish("alerts.staging.x", "no");
        publisher.publish("ops.db.page", "yes-1");
        publisher.publish("alerts.prod.api", "yes-2");
        publisher.flush();

        await().atMost(WAIT).until(() -> sink.accepted().size() >= 2);
        assertThat(sink.bodies()).containsExactly("yes-1", "yes-2");
    }

    @Test
    void closeDrainsAndReportsClosedOnceAndIsIdempotent() throws Exception {
        NatsServerProcess server = server(List.of());
        StatusRecorder recorder = new StatusRecorder();
        NatsIngest ingest = ingest(config(server, "alerts.>"), new RecordingSink());
        ingest.onStatusChange(recorder);
        ingest.start();
        await().atMost(WAIT).until(() -> recorder.last() == CONNECTED);

        ingest.close();
        ingest.close();

        assertThat(recorder.states()).containsExactly(CONNECTING, CONNECTED, CLOSED);
        assertThat(ingest.status().state()).isEqualTo(CLOSED);
    }

    @Test
    void closeWhileTheServerIsDownIsQuick() throws Exception {
        NatsServerProcess server = server(List.of());
        server.stop();
        NatsIngest ingest = ingest(config(server, "alerts.>"), new RecordingSink());
        ingest.start();
        await().atMost(WAIT).until(() -> ingest.status().detail().contains("refused"));

        long started = System.nanoTime();
        ingest.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(ingest.status().state()).isEqualTo(CLOSED);
        server.restart();
        // a closed ingest must not come back when the server does
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> ingest.status().state() == CLOSED);
    }

    @Test
    void closeWhileWaitingToRetryEndsTheBackgroundThread() throws Exception {
        NatsServerProcess server = server(List.of("--auth", "t0ken-right"));
        NatsConfig config = config(server, new NatsAuth.Token(SecretRef.env("NATS_TOKEN")), "alerts.>");
        NatsIngest ingest = ingest(config, Map.of("NATS_TOKEN", "t0ken-wrong")::get, new RecordingSink(),
                FAST.withRestartDelay(Duration.ofMinutes(10)));
        ingest.start();
        await().atMost(WAIT).until(() -> ingest.status().state() == DISCONNECTED);

        long started = System.nanoTime();
        ingest.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(ingest.status().state()).isEqualTo(CLOSED);
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("klaxon-nats-supervisor") && thread.isAlive()));
    }

    @Test
    void aClosedIngestReceivesNothingMore() throws Exception {
        NatsServerProcess server = server(List.of());
        RecordingSink sink = new RecordingSink();
        NatsIngest ingest = started(config(server, "alerts.>"), sink);
        awaitState(ingest, CONNECTED);
        TestPublisher publisher = publisher(server.url());

        ingest.close();
        publisher.publishAndFlush("alerts.after-close", "too late");

        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> sink.accepted().isEmpty());
        assertThat(ingest.counters(0, 0).received()).isZero();
    }

    private NatsServerProcess server(List<String> args) throws Exception {
        NatsServerProcess server = NatsServerProcess.start(args);
        cleanup.push(server);
        return server;
    }

    private TestPublisher publisher(String url) throws Exception {
        return publisher(url, builder -> builder);
    }

    private TestPublisher publisher(String url, String token) throws Exception {
        return publisher(url, builder -> builder.token(token.toCharArray()));
    }

    private TestPublisher publisher(String url, UnaryOperator<io.nats.client.Options.Builder> customise)
            throws Exception {
        TestPublisher publisher = TestPublisher.connect(url, customise);
        cleanup.push(publisher);
        return publisher;
    }

    private NatsIngest ingest(NatsConfig config, Predicate<InboundMessage> sink) {
        return ingest(config, name -> null, sink, FAST);
    }

    private NatsIngest ingest(NatsConfig config, UnaryOperator<String> env, Predicate<InboundMessage> sink,
                              IngestSettings settings) {
        NatsIngest ingest = new NatsIngest(config, env, CLOCK, sink, settings);
        cleanup.push(ingest);
        return ingest;
    }

    private NatsIngest started(NatsConfig config, Predicate<InboundMessage> sink) {
        return started(config, name -> null, sink, FAST);
    }

    private NatsIngest started(NatsConfig config, UnaryOperator<String> env, Predicate<InboundMessage> sink,
                               IngestSettings settings) {
        NatsIngest ingest = ingest(config, env, sink, settings);
        ingest.start();
        return ingest;
    }

    private static NatsConfig config(NatsServerProcess server, String... subjects) {
        return config(server, new NatsAuth.None(), subjects);
    }

    private static NatsConfig config(NatsServerProcess server, NatsAuth auth, String... subjects) {
        return new NatsConfig(List.of(server.url()), List.of(subjects), null, auth, null);
    }

    private static void awaitState(NatsIngest ingest, ConnectionState state) {
        await().atMost(WAIT).until(() -> ingest.status().state() == state);
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
