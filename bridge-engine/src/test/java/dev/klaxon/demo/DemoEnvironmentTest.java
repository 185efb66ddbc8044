package dev.klaxon.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import dev.klaxon.route.RouteAction;
import dev.klaxon.route.RouteRule;
import dev.klaxon.simulator.PagerDutySimulator;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Starts the real demo (nats-server child process included) and watches it from an independent subscriber. */
class DemoEnvironmentTest {

    @Test
    void publishesAMixIntoARealServerAndCloseStopsEverything() throws Exception {
        Set<String> subjects = ConcurrentHashMap.newKeySet();
        AtomicInteger notUtf8 = new AtomicInteger();
        AtomicInteger arrays = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        int port;
        Path configFile;
        try (DemoEnvironment demo = DemoEnvironment.start()) {
            port = URI.create(demo.natsUrl()).getPort();
            configFile = demo.configFile();
            assertThat(configFile).exists();
            Connection watcher = Nats.connect(demo.natsUrl());
            try {
                Dispatcher dispatcher = watcher.createDispatcher(m -> {
                    total.incrementAndGet();
                    subjects.add(m.getSubject());
                    if (!isUtf8(m.getData())) {
                        notUtf8.incrementAndGet();
                    } else if (new String(m.getData(), StandardCharsets.UTF_8).startsWith("[")) {
                        arrays.incrementAndGet();
                    }
                });
                dispatcher.subscribe("alerts.>");
                dispatcher.subscribe("metrics.>");
                // With the default seed, all five malformations are published within the first ~6 s.
                await().atMost(Duration.ofSeconds(30)).until(() -> notUtf8.get() > 0 && arrays.get() > 0
                        && subjects.stream().anyMatch(s -> s.startsWith("alerts.prod."))
                        && subjects.stream().anyMatch(s -> s.startsWith("alerts.staging."))
                        && subjects.stream().anyMatch(s -> s.startsWith("metrics.")));
            } finally {
                watcher.close();
            }
            assertThat(demo.feed().published()).isGreaterThanOrEqualTo(total.get());
            assertThat(demo.feed().failed()).isZero();
        }
        assertThat(acceptsConnections(port)).as("nats-server stopped").isFalse();
        assertThat(configFile).doesNotExist();
        assertThat(configFile.getParent()).doesNotExist();
    }

    @Test
    void demoConfigLoadsWithTheDocumentedRoutes() throws Exception {
        Path dir = Files.createTempDirectory("klaxon-demo-test-");
        try (PagerDutySimulator pagerDuty = PagerDutySimulator.start()) {
            Path file = dir.resolve("klaxon-demo.yaml");
            Files.writeString(dir.resolve("routing-key"), DemoEnvironment.ROUTING_KEY);
            Files.writeString(dir.resolve("token"), PagerDutySimulator.API_TOKEN);
            KlaxonConfig config = new ConfigLoader().parse(DemoEnvironment.demoConfigYaml("nats://127.0.0.1:4999",
                    dir.resolve("storage"), pagerDuty, dir.resolve("routing-key"), dir.resolve("token")), file);
            assertThat(config.nats().servers()).containsExactly("nats://127.0.0.1:4999");
            assertThat(config.nats().subjects()).containsExactly("alerts.>", "metrics.>");
            assertThat(config.storage().dir()).isEqualTo(dir.resolve("storage"));
            List<RouteRule> routes = config.routes();
            assertThat(routes).extracting(r -> r.match().text())
                    .containsExactly("alerts.prod.>", "alerts.staging.>", "metrics.>");
            assertThat(routes).extracting(RouteRule::action)
                    .containsExactly(RouteAction.PAGE, RouteAction.PAGE, RouteAction.LOG);
            assertThat(config.guards().shadowAll()).as("the demo pages its simulated PagerDuty").isFalse();
            assertThat(config.pagerduty().eventsUrl()).isEqualTo(pagerDuty.eventsUrl());
            assertThat(config.pagerduty().apiUrl()).isEqualTo(pagerDuty.apiUrl());
            assertThat(config.nats().teamMode()).as("the demo shows team mode, this console the sender").isTrue();
            assertThat(config.nats().jetstream().role()).isEqualTo(dev.klaxon.config.JetStreamConfig.Role.SENDER);
            assertThat(routes.get(1).shadow()).isTrue();
            assertThat(config.guards().floodPerSubject()).isNotNull();
            assertThat(routes.get(0).routingKey())
                    .isEqualTo(dev.klaxon.secret.SecretRef.file(dir.resolve("routing-key").toString()));
            assertThat(routes.get(0).severity().wire()).isEqualTo("critical");
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void productionAlertsPageTheSimulatedPagerDutyThroughTheEngine() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start();
             Engine engine = Engine.create(demo.config(), Clock.systemUTC(), EngineOptions.defaults().asHeadless())) {
            engine.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> !demo.pagerDuty().incidents().isEmpty());
            assertThat(demo.pagerDuty().acceptedEvents()).allSatisfy(event -> assertThat(event.path("routing_key")
                    .asText()).isEqualTo(DemoEnvironment.ROUTING_KEY));
            assertThat(Files.getPosixFilePermissions(demo.configFile().resolveSibling("routing-key")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void closeIsIdempotentAndTheFeedStopsWithIt() throws Exception {
        DemoEnvironment demo = DemoEnvironment.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> demo.feed().published() > 0);
        demo.close();
        demo.close();
        assertThat(demo.feed().isRunning()).isFalse();
        assertThat(acceptsConnections(URI.create(demo.natsUrl()).getPort())).isFalse();
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
