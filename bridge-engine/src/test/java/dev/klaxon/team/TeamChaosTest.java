package dev.klaxon.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos run (tag {@code chaos}, outside the default test command): a 3-node JetStream cluster, three headless
 * bridges in child JVMs, a stream of triggers each followed later by its resolve, and, from a printed seed, random
 * {@code kill -9} and SIGSTOP of bridges, {@code kill -9} of cluster nodes, PagerDuty 5xx bursts and one PagerDuty
 * outage. Then every fault is healed and the run waits for the team to drain.
 *
 * <p>It asserts the team's guarantees: every dedup_key reaches PagerDuty, the last event accepted for every key is
 * its resolve (no stale trigger reopened an incident), and each duplicate request was first accepted shortly before
 * a fault that can lose an ack (a bridge killed or stopped, a node killed). It prints the seed, the faults, the
 * duplicates with the fault that explains each, the worst publish-to-PagerDuty latency and the drain time, for
 * RELIABILITY.md.
 *
 * <p>{@code mvn -B -ntp -pl bridge-engine -am verify -Pchaos [-Dchaos.seed=N] [-Dchaos.alerts=5000]}
 */
@Tag("chaos")
class TeamChaosTest {
    private static final String ROUTING_KEY = "TEAMKEYTEAMKEYTEAMKEYTEAMKEYTEAM";
    /** A resolve follows its trigger this many alerts later, so triggers and resolves interleave. */
    private static final int RESOLVE_LAG = 40;
    /** An ack can be lost for an event accepted up to this long before the fault (ack_wait plus a batch's work). */
    private static final Duration CRASH_WINDOW = Duration.ofSeconds(15);
    /**
     * The fault is noted just before the signal is sent: a request already on the wire reaches the double a few
     * milliseconds after the note and before the signal lands (seen: 8–16 ms), and its ack is lost all the same.
     */
    private static final Duration SIGNAL_RACE = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private final List<BridgeProcess> bridges = Collections.synchronizedList(new ArrayList<>());
    private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
    private final List<Instant> ackLosingFaults = Collections.synchronizedList(new ArrayList<>());
    private JetStreamCluster cluster;
    private PagerDutySimulator pagerDuty;
    private Connection client;

    @AfterEach
    void stop() throws Exception {
        new ArrayList<>(bridges).forEach(BridgeProcess::close);
        if (client != null) {
            client.close();
        }
        if (pagerDuty != null) {
            pagerDuty.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeServersThreeBridgesRandomFaultsEveryAlertPagedOnceInOrder() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime() & 0xffff_ffffL);
        int alerts = Integer.getInteger("chaos.alerts", 5_000);
        int keys = alerts / 2;
        System.out.printf("chaos run: seed %d, %d alerts (%d triggers, %d resolves)%n", seed, alerts, keys, keys);
        Random random = new Random(seed);

        cluster = JetStreamCluster.start(dir);
        pagerDuty = PagerDutySimulator.start();
        client = Nats.connect(cluster.options().build());
        for (String name : List.of("a", "b", "c")) {
            bridges.add(startBridge(name));
        }
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> client.jetStreamManagement()
                .getConsumerInfo("KLAXON_ALERTS", "klaxon-pager") != null);

        Map<String, Instant> published = new ConcurrentHashMap<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Instant start = Instant.now();
        JetStream js = client.jetStream();
        Thread publisher = new Thread(() -> publish(js, keys, published, publishing), "chaos-pub");
        publisher.start();
        Thread monkey = new Thread(() -> faults(random, publishing), "chaos-monkey");
        monkey.start();
        publisher.join();
        monkey.join();
        Instant healed = Instant.now();
        heal();

        Instant drained;
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> settledKeys(keys) == keys);
            drained = Instant.now();
        } catch (org.awaitility.core.ConditionTimeoutException notDrained) {
            drained = null;
        }

        Map<String, List<ReceivedRequest>> byEvent = acceptedByEvent();
        List<String> duplicates = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        for (Map.Entry<String, List<ReceivedRequest>> event : byEvent.entrySet()) {
            if (event.getValue().size() > 1) {
                Instant first = event.getValue().get(0).arrivedAt();
                String fault = explainingFault(first);
                duplicates.add(event.getKey() + " ×" + event.getValue().size() + " (first " + first + ", "
                        + (fault == null ? "no fault within " + CRASH_WINDOW.toSeconds() + " s" : fault) + ")");
                if (fault == null) {
                    unexplained.add(event.getKey());
                }
            }
        }
        Duration worst = Duration.ZERO;
        for (Map.Entry<String, List<ReceivedRequest>> event : byEvent.entrySet()) {
            Instant sent = published.get(event.getKey());
            if (sent != null) {
                Duration latency = Duration.between(sent, event.getValue().get(0).arrivedAt());
                worst = latency.compareTo(worst) > 0 ? latency : worst;
            }
        }
        System.out.printf("chaos run: seed %d, %d alerts published in %d s, %d requests, %d accepted, "
                        + "%d duplicate events, worst publish-to-PagerDuty %d s, drained %d s after the last "
                        + "fault was healed%n", seed, alerts, Duration.between(start, healed).toSeconds(),
                pagerDuty.received().size(), pagerDuty.acceptedEvents().size(), duplicates.size(),
                worst.toSeconds(), drained == null ? -1 : Duration.between(healed, drained).toSeconds());
        List<String> lost = new ArrayList<>();
        List<String> reopened = new ArrayList<>();
        Map<String, String> last = lastActions();
        for (int i = 0; i < keys; i++) {
            String action = last.get("chaos-" + i);
            if (action == null) {
                lost.add("chaos-" + i);
            } else if (!action.equals("resolve")) {
                reopened.add("chaos-" + i);
            }
        }
        System.out.printf("chaos run: %d keys never reached PagerDuty %s; %d keys end on a trigger %s%n",
                lost.size(), lost.subList(0, Math.min(20, lost.size())), reopened.size(),
                reopened.subList(0, Math.min(20, reopened.size())));
        for (String key : reopened.subList(0, Math.min(5, reopened.size()))) {
            System.out.println("chaos reopened " + key + ": " + pagerDuty.received().stream()
                    .filter(r -> key.equals(r.field("dedup_key")))
                    .map(r -> r.arrivedAt() + " " + r.field("event_action") + " " + r.status()).toList());
        }
        timeline.forEach(line -> System.out.println("chaos fault: " + line));
        duplicates.forEach(line -> System.out.println("chaos duplicate: " + line));

        assertThat(settledKeys(keys)).as("every key's last accepted event is its resolve").isEqualTo(keys);
        assertThat(unexplained).as("duplicates only inside the crash window of a fault that loses acks")
                .isEmpty();
    }

    private BridgeProcess startBridge(String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Path config = home.resolve("klaxon.yaml");
        Files.writeString(config, """
                nats:
                  servers: [%s]
                  subjects: ["alerts.>"]
                  jetstream: { replicas: 3, ack_wait: 5s }
                pagerduty:
                  events_url: "%s"
                  budget_per_minute: 100000
                  retry: { base: 200ms, cap: 5s }
                  max_in_flight: 8
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY
                    severity: critical
                """.formatted(cluster.yamlServers(), pagerDuty.eventsUrl(), home.resolve("data")));
        return BridgeProcess.start(config, home.resolve("bridge-" + System.nanoTime() + ".log"),
                Map.of("PD_ROUTING_KEY", ROUTING_KEY));
    }

    /** Trigger key i, and the resolve of key i - RESOLVE_LAG, about 50 events a second. */
    private void publish(JetStream js, int keys, Map<String, Instant> published, AtomicBoolean publishing) {
        try {
            for (int i = 0; i < keys + RESOLVE_LAG; i++) {
                if (i < keys) {
                    send(js, "trigger", i, published);
                }
                if (i >= RESOLVE_LAG) {
                    send(js, "resolve", i - RESOLVE_LAG, published);
                }
                Thread.sleep(40);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            publishing.set(false);
        }
    }

    private static void send(JetStream js, String action, int key, Map<String, Instant> published)
            throws InterruptedException {
        byte[] body = ("{\"summary\":\"chaos " + key + "\",\"dedup_key\":\"chaos-" + key + "\",\"event_action\":\""
                + action + "\"}").getBytes(StandardCharsets.UTF_8);
        PublishOptions options = PublishOptions.builder().messageId(action + "-" + key)
                .streamTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            try {
                js.publish("alerts.prod.chaos", body, options);
                published.putIfAbsent("chaos-" + key + "/" + action, Instant.now());
                return;
            } catch (Exception notStored) {
                Thread.sleep(200); // no stream leader for a moment: the same id again, deduplicated by the stream
            }
        }
    }

    /** One fault every 4–8 s while the publisher runs; each heals itself a few seconds later. */
    private void faults(Random random, AtomicBoolean publishing) {
        boolean outageDone = false;
        try {
            while (publishing.get()) {
                Thread.sleep(4_000 + random.nextInt(4_000));
                if (!publishing.get()) {
                    break;
                }
                int choice = random.nextInt(outageDone ? 4 : 5);
                switch (choice) {
                    case 0 -> killBridge(random);
                    case 1 -> sleepBridge(random);
                    case 2 -> killNode(random);
                    case 3 -> {
                        int count = 5 + random.nextInt(20);
                        note("PagerDuty answers 503 to the next " + count + " requests");
                        pagerDuty.failNext(count, Fault.serverError(503));
                    }
                    default -> {
                        outageDone = true;
                        note("PagerDuty outage (502) for 15 s");
                        pagerDuty.startOutage(Fault.serverError(502));
                        Thread.sleep(15_000);
                        pagerDuty.endOutage();
                        note("PagerDuty outage over");
                    }
                }
            }
        } catch (Exception e) {
            note("the fault loop stopped: " + e);
        }
    }

    private void killBridge(Random random) throws Exception {
        int index = random.nextInt(bridges.size());
        BridgeProcess victim = bridges.get(index);
        ackLosingFaults.add(Instant.now());
        note("kill -9 bridge " + victim.memberSuffix());
        victim.kill9();
        Thread.sleep(2_000 + random.nextInt(3_000));
        BridgeProcess restarted = startBridge(List.of("a", "b", "c").get(index));
        bridges.set(index, restarted);
        note("restarted it as " + restarted.memberSuffix());
    }

    private void sleepBridge(Random random) throws InterruptedException {
        BridgeProcess victim = bridges.get(random.nextInt(bridges.size()));
        long millis = 8_000 + random.nextInt(14_000); // sometimes past the 15 s lease, sometimes not
        ackLosingFaults.add(Instant.now());
        note("SIGSTOP bridge " + victim.memberSuffix() + " for " + millis / 1000 + " s");
        victim.pause();
        Thread.sleep(millis);
        victim.resume();
        note("SIGCONT bridge " + victim.memberSuffix());
    }

    private void killNode(Random random) throws Exception {
        int index = random.nextInt(3);
        NatsServerProcess node = cluster.node(index);
        ackLosingFaults.add(Instant.now());
        note("kill -9 NATS node n" + (index + 1));
        node.killHard();
        Thread.sleep(3_000 + random.nextInt(5_000));
        node.restart();
        note("restarted n" + (index + 1));
    }

    private void heal() throws Exception {
        pagerDuty.clearFaults();
        pagerDuty.endOutage();
        for (int i = 0; i < bridges.size(); i++) {
            if (!bridges.get(i).isAlive()) {
                bridges.set(i, startBridge(List.of("a", "b", "c").get(i)));
            }
        }
        note("healed: every bridge and node running, PagerDuty answering");
    }

    private void note(String what) {
        timeline.add(Instant.now() + " " + what);
    }

    /** The ack-losing fault that came at most CRASH_WINDOW after the first acceptance (or raced it), if any. */
    private String explainingFault(Instant firstAccepted) {
        synchronized (ackLosingFaults) {
            for (Instant fault : ackLosingFaults) {
                if (!fault.isBefore(firstAccepted.minus(SIGNAL_RACE))
                        && fault.isBefore(firstAccepted.plus(CRASH_WINDOW))) {
                    return "fault at " + fault;
                }
            }
        }
        return null;
    }

    /** Accepted requests by dedup_key/action, in arrival order. */
    private Map<String, List<ReceivedRequest>> acceptedByEvent() {
        Map<String, List<ReceivedRequest>> events = new HashMap<>();
        for (ReceivedRequest request : pagerDuty.received()) {
            if (request.accepted() && !request.isChangeEvent()) {
                events.computeIfAbsent(request.field("dedup_key") + "/" + request.field("event_action"),
                        key -> new ArrayList<>()).add(request);
            }
        }
        return events;
    }

    private Map<String, String> lastActions() {
        Map<String, String> last = new HashMap<>();
        for (ReceivedRequest request : pagerDuty.received()) {
            if (request.accepted() && !request.isChangeEvent()) {
                last.put(request.field("dedup_key"), request.field("event_action"));
            }
        }
        return last;
    }

    /** Keys whose last accepted event is their resolve. */
    private int settledKeys(int keys) {
        Map<String, String> last = lastActions();
        int settled = 0;
        for (int i = 0; i < keys; i++) {
            if ("resolve".equals(last.get("chaos-" + i))) {
                settled++;
            }
        }
        return settled;
    }
}
