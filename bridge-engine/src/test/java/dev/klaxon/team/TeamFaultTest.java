package dev.klaxon.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.config.DeliveryConfig;
import dev.klaxon.config.JetStreamConfig;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Team mode under real faults: headless bridges in child JVMs killed with SIGKILL or stopped with SIGSTOP (a
 * sleeping laptop) longer than the lease, and a cluster node killed and restarted, while alerts flow. Every
 * dedup_key reaches PagerDuty; a duplicate is possible only for an event whose sender died between the 202 and
 * its ack, and a stopped sender starts no request once it wakes after another took over.
 */
class TeamFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String ROUTING_KEY = "TEAMKEYTEAMKEYTEAMKEYTEAMKEYTEAM";

    @TempDir
    Path dir;
    private final List<BridgeProcess> bridges = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final AtomicReference<Exception> lastPublishError = new AtomicReference<>();
    /** When the stream confirmed each alert, by dedup_key. */
    private final Map<String, Instant> storedAt = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterEach
    void stop() throws Exception {
        bridges.forEach(BridgeProcess::close);
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void threeBridgesOneKilledOneAsleepPastTheLeaseEveryAlertReachesPagerDuty() throws Exception {
        NatsServerProcess server = closeLater(NatsServerProcess.start(List.of("-js")));
        PagerDutySimulator pagerDuty = closeLater(PagerDutySimulator.start());
        Connection client = closeLater(Nats.connect(server.url()));
        for (String name : List.of("a", "b", "c")) {
            bridges.add(startBridge(name, "\"" + server.url() + "\"", pagerDuty, 1, 120));
        }
        BridgeProcess first = awaitSender(client);

        int alerts = 300;
        AtomicInteger published = new AtomicInteger();
        Thread publisher = publishInBackground(client.jetStream(), alerts, published);
        awaitPublished(published, 80);
        first.kill9();
        BridgeProcess second = awaitSenderOtherThan(client, first);
        awaitPublished(published, 160);
        second.pause();
        Instant pausedAt = Instant.now();
        BridgeProcess third = awaitSenderOtherThan(client, first, second);
        assertThat(Duration.between(pausedAt, Instant.now())).as("another member takes over after the lease TTL")
                .isLessThan(Duration.ofSeconds(40));
        Instant resumedAt = Instant.now();
        second.resume();
        publisher.join();

        awaitDelivered(client, pagerDuty, alerts);
        Map<String, Integer> duplicates = duplicates(pagerDuty);
        System.out.printf("team fault run: %d alerts, %d requests, %d accepted, duplicates %s%n", alerts,
                pagerDuty.received().size(), pagerDuty.acceptedEvents().size(), duplicates);
        assertThat(duplicates.size()).as("duplicates only inside the crash window of the killed sender")
                .isLessThanOrEqualTo(10);
        // A request the stopped sender had begun (past its last lease check, not yet on the wire) goes out when
        // it wakes: a TCP write cannot be recalled. It starts none after waking, so at most one per sender thread.
        List<ReceivedRequest> late = acceptedFrom(pagerDuty, second, resumedAt);
        System.out.printf("the stopped sender's requests after it woke: %d %s%n", late.size(),
                late.stream().map(request -> request.json().path("dedup_key").asText()).toList());
        assertThat(late).as("the stopped sender starts no request after it wakes once another holds the lease")
                .hasSizeLessThanOrEqualTo(DeliveryConfig.defaults().maxInFlight());
        assertThat(third.isAlive()).isTrue();
    }

    /**
     * Found a loss twice (40 and 4 of 200, one run in three): while the cluster re-elected, the sender's lease lapsed
     * by the clock, its delivery thread handed the pending events to the team, and that outcome acknowledged their
     * messages. See RELIABILITY.md.
     */
    @Test
    void aClusterNodeKilledAndRestartedDuringTrafficLosesNothing() throws Exception {
        JetStreamCluster cluster = closeLater(JetStreamCluster.start(dir));
        PagerDutySimulator pagerDuty = closeLater(PagerDutySimulator.start());
        Connection client = closeLater(Nats.connect(cluster.options().build()));
        for (String name : List.of("a", "b")) {
            // The budget is raised so that the delay measured is the failover's, not PagerDuty's 120 a minute.
            bridges.add(startBridge(name, cluster.yamlServers(), pagerDuty, 3, 10_000));
        }
        awaitSender(client);
        int alerts = 200;
        AtomicInteger published = new AtomicInteger();
        Thread publisher = publishInBackground(client.jetStream(), alerts, published);
        awaitPublished(published, 60);
        // The pager consumer's leader holds the sender's open pull request: killing it is the harder failover.
        String leader = client.jetStreamManagement().getConsumerInfo("KLAXON_ALERTS", "klaxon-pager")
                .getClusterInfo().getLeader();
        NatsServerProcess killed = cluster.node(cluster.indexOf(leader));
        killed.killHard();
        awaitPublished(published, 140);
        killed.restart();
        publisher.join();

        awaitDelivered(client, pagerDuty, alerts);
        Duration slowest = slowestDelivery(pagerDuty);
        if (!duplicates(pagerDuty).isEmpty()) {
            // Not asserted (PagerDuty folds a repeated dedup_key into its alert), but one run in about twenty sent
            // every key paged before the kill twice, unexplained so far: print what explains it next time.
            for (BridgeProcess bridge : bridges) {
                System.out.println("--- bridge " + bridge.memberSuffix() + " ---\n" + bridge.log());
            }
        }
        System.out.printf("cluster fault run: killed consumer leader %s, %d alerts, %d accepted, duplicates %s,"
                + " slowest stored-to-PagerDuty %d ms%n", leader, alerts, pagerDuty.acceptedEvents().size(),
                duplicates(pagerDuty), slowest.toMillis());
        // A pull request lost with the dead leader is noticed by missed heartbeats; jnats' default 30 s pull expiry
        // made that up to 90 s, during which no alert was paged.
        assertThat(slowest).as("the longest an alert waited for PagerDuty across the leader's death")
                .isLessThan(Duration.ofSeconds(30));
    }

    private BridgeProcess startBridge(String name, String servers, PagerDutySimulator pagerDuty, int replicas,
                                      int budgetPerMinute) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Path config = home.resolve("klaxon.yaml");
        Files.writeString(config, """
                nats:
                  servers: [%s]
                  subjects: ["alerts.>"]
                  jetstream: { replicas: %d, ack_wait: 3s }
                pagerduty:
                  events_url: "%s"
                  budget_per_minute: %d
                storage:
                  dir: "%s"
                routes:
                  - match: "alerts.prod.>"
                    action: page
                    routing_key_env: PD_ROUTING_KEY
                    severity: critical
                """.formatted(servers, replicas, pagerDuty.eventsUrl(), budgetPerMinute, home.resolve("data")));
        return BridgeProcess.start(config, home.resolve("bridge.log"), Map.of("PD_ROUTING_KEY", ROUTING_KEY));
    }

    /** Publishes through JetStream with a Nats-Msg-Id, retrying what the stream did not confirm (a leader change). */
    private Thread publishInBackground(JetStream js, int alerts, AtomicInteger published) {
        Thread thread = new Thread(() -> {
            for (int i = 0; i < alerts; i++) {
                byte[] body = ("{\"summary\":\"alert " + i + "\",\"dedup_key\":\"key-" + i + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                PublishOptions options = PublishOptions.builder().messageId("alert-" + i)
                        .streamTimeout(Duration.ofSeconds(2)).build();
                while (true) {
                    try {
                        js.publish("alerts.prod.db", body, options);
                        break;
                    } catch (Exception notStored) {
                        lastPublishError.set(notStored);
                        sleepQuietly(200); // no leader for a moment: the same id again, deduplicated by the stream
                    }
                }
                storedAt.put("key-" + i, Instant.now());
                published.incrementAndGet();
                sleepQuietly(20);
            }
        }, "test-publisher");
        thread.start();
        return thread;
    }

    private void awaitPublished(AtomicInteger published, int count) {
        try {
            await().atMost(WAIT).until(() -> published.get() >= count);
        } catch (ConditionTimeoutException stuck) {
            throw new AssertionError("published " + published.get() + " of the " + count + " awaited; the stream's"
                    + " last refusal: " + lastPublishError.get(), stuck);
        }
    }

    private void awaitDelivered(Connection client, PagerDutySimulator pagerDuty, int alerts) throws Exception {
        try {
            await().atMost(WAIT).until(() -> deliveredKeys(pagerDuty).size() == alerts);
        } catch (ConditionTimeoutException stuck) {
            StringBuilder why = new StringBuilder("delivered " + deliveredKeys(pagerDuty).size() + " of " + alerts);
            why.append("\nconsumer: ").append(client.jetStreamManagement()
                    .getConsumerInfo("KLAXON_ALERTS", "klaxon-pager"));
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < alerts; i++) {
                if (!deliveredKeys(pagerDuty).contains("key-" + i)) {
                    missing.add("key-" + i);
                }
            }
            why.append("\nmissing: ").append(missing);
            for (String name : List.of("a", "b", "c")) {
                why.append(AuditDump.rows(dir.resolve(name).resolve("data"), missing));
            }
            for (BridgeProcess bridge : bridges) {
                String log = bridge.log();
                why.append("\n--- bridge ").append(bridge.memberSuffix()).append(" ---\n")
                        .append(log.substring(Math.max(0, log.length() - 3000)))
                        .append("\n--- its threads ---\n").append(bridge.klaxonThreads());
            }
            throw new AssertionError(why.toString(), stuck);
        }
    }

    private BridgeProcess awaitSender(Connection client) {
        return awaitSenderOtherThan(client);
    }

    private BridgeProcess awaitSenderOtherThan(Connection client, BridgeProcess... excluded) {
        BridgeProcess[] found = new BridgeProcess[1];
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            String sender = TeamInspector.inspect(client, JetStreamConfig.defaults(), Clock.systemUTC()).sender();
            for (BridgeProcess bridge : bridges) {
                if (sender != null && sender.endsWith(bridge.memberSuffix()) && !List.of(excluded).contains(bridge)) {
                    found[0] = bridge;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** The longest time from the stream's confirmation of an alert to PagerDuty's first 202 for it. */
    private Duration slowestDelivery(PagerDutySimulator pagerDuty) {
        Map<String, Instant> firstAccepted = new TreeMap<>();
        for (ReceivedRequest request : pagerDuty.received()) {
            if (request.accepted()) {
                firstAccepted.merge(request.json().path("dedup_key").asText(), request.arrivedAt(),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Duration slowest = Duration.ZERO;
        for (Map.Entry<String, Instant> stored : storedAt.entrySet()) {
            Instant accepted = firstAccepted.get(stored.getKey());
            Duration waited = accepted == null ? Duration.ofDays(1) : Duration.between(stored.getValue(), accepted);
            slowest = waited.compareTo(slowest) > 0 ? waited : slowest;
        }
        return slowest;
    }

    private static List<String> deliveredKeys(PagerDutySimulator pagerDuty) {
        return pagerDuty.acceptedEvents().stream().map(event -> event.path("dedup_key").asText()).distinct().toList();
    }

    private static Map<String, Integer> duplicates(PagerDutySimulator pagerDuty) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode event : pagerDuty.acceptedEvents()) {
            counts.merge(event.path("dedup_key").asText(), 1, Integer::sum);
        }
        counts.values().removeIf(count -> count == 1);
        return counts;
    }

    private static List<ReceivedRequest> acceptedFrom(PagerDutySimulator pagerDuty, BridgeProcess bridge,
                                                      Instant after) {
        return pagerDuty.received().stream()
                .filter(ReceivedRequest::accepted)
                .filter(request -> request.arrivedAt().isAfter(after))
                .filter(request -> request.body().contains(bridge.memberSuffix() + "\""))
                .toList();
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        closing.add(resource);
        return resource;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
