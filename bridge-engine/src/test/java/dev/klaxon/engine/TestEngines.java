package dev.klaxon.engine;

import static org.awaitility.Awaitility.await;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.nats.ConnectionState;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the end-to-end tests share: an engine from a config text, connected, and ways to watch its delivery. */
final class TestEngines {
    static final Duration WAIT = Duration.ofSeconds(60);

    private TestEngines() {
    }

    /** Writes {@code yaml} to {@code dir/klaxon.yaml}, starts an engine on it and waits until it is connected. */
    static Engine startConnected(Path dir, String yaml, Clock clock, Map<String, String> environment)
            throws Exception {
        return startConnected(dir, yaml, clock, EngineOptions.defaults().withEnvironment(environment::get));
    }

    /** As above, with options of the test's choosing. */
    static Engine startConnected(Path dir, String yaml, Clock clock, EngineOptions options) throws Exception {
        Path configFile = dir.resolve("klaxon.yaml");
        Files.writeString(configFile, yaml);
        KlaxonConfig config = new ConfigLoader().load(configFile);
        Engine engine = Engine.create(config, clock, options);
        engine.start();
        await().atMost(WAIT).until(() -> engine.summary().connection().state() == ConnectionState.CONNECTED);
        return engine;
    }

    /** Delivery has nothing in flight and has sent nothing new for a while: a test clock may move on. */
    static void awaitDeliveryIdle(Engine engine, PagerDutySimulator pagerDuty) {
        int[] seen = {-1};
        await().atMost(WAIT).during(Duration.ofMillis(700)).until(() -> {
            int now = pagerDuty.received().size();
            boolean idle = engine.summary().delivery().inFlight() == 0 && now == seen[0];
            seen[0] = now;
            return idle;
        });
    }

    /** The most requests the double received in any 60 s of its clock (requests in arrival order). */
    static int mostRequestsInAnyMinute(List<ReceivedRequest> requests) {
        int most = 0;
        int start = 0;
        for (int end = 0; end < requests.size(); end++) {
            Instant limit = requests.get(end).arrivedAt().minusSeconds(60);
            while (!requests.get(start).arrivedAt().isAfter(limit)) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }
}
