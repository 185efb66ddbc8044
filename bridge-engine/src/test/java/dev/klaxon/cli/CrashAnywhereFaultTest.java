package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.natsserver.NatsServerProcess;
import dev.klaxon.simulator.Fault;
import dev.klaxon.simulator.PagerDutySimulator;
import dev.klaxon.simulator.ReceivedRequest;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash anywhere (issue 15): the headless bridge ({@code run}) as a real child JVM, {@code kill -9}ed at random
 * points from a printed seed and restarted on the same storage, under mixed traffic (triggers each followed later by
 * its resolve, flood bursts, messages under a silence) while the PagerDuty double flaps between 202, 429 and 503.
 * At the end PagerDuty is healthy and the last bridge drains.
 *
 * <p>Core NATS has no redelivery: what arrives while the bridge is dead, or what it has received but not yet
 * committed when it dies, is gone, and nobody told the publisher otherwise. So <b>accepted</b> means what the
 * bridge committed to its outbox ({@code outbox.db}, read after the last stop): only for that did it take
 * responsibility. The test asserts that every accepted event reached the double, that per dedup_key the double saw
 * the accepted events in publish order (no resolve before its trigger, no trigger re-sent after its resolve), that
 * every restart came up without refusing its storage, that the databases pass SQLite's integrity check and the
 * audit chain verifies, that the audit names no event the outbox does not hold, and that nothing under the silence
 * was paged. Duplicates (the same event accepted twice) are counted and each is tied to the kill that explains it:
 * PagerDuty answered 202 and the bridge died before the outbox recorded the delivery, so the restart sent it again
 * (at-least-once).
 *
 * <p>{@code mvn -B -ntp -pl bridge-engine -am verify -Pfault-tests [-Dfault.seed=N] [-Dfault.kills=50]}
 */
@Tag("fault")
class CrashAnywhereFaultTest {
    private static final String ROUTING_KEY = "CRASHANYWHERECRASHANYWHERECRASH1";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ordered traffic is spread over this many subjects, so that none of them floods. */
    private static final int SUBJECTS = 40;
    /** A resolve follows its trigger this many keys later, so triggers and resolves interleave. */
    private static final int RESOLVE_LAG = 30;
    private static final Duration TICK = Duration.ofMillis(100);
    /** A flood burst (well past the per-subject threshold of 40 a minute) every this many ticks. */
    private static final int FLOOD_EVERY = 150;
    private static final int FLOOD_BURST = 80;
    /**
     * A duplicate's first 202 must precede a kill by at most this: the outbox records a delivery in its next group
     * commit, milliseconds after the 202, but a busy 2-core machine can stretch that.
     */
    private static final Duration CRASH_WINDOW = Duration.ofSeconds(3);
    /** The kill is noted just before the signal: a request on the wire can reach the double just after the note. */
    private static final Duration SIGNAL_RACE = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private final List<Process> bridges = Collections.synchronizedList(new ArrayList<>());
    private final List<Instant> kills = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void killBridges() {
        bridges.forEach(Process::destroyForcibly);
    }

    @Test
    void killedAtRandomUnderMixedTrafficDeliversEverythingItAcceptedInOrder() throws Exception {
        long seed = Long.getLong("fault.seed", System.nanoTime() & 0xffff_ffffL);
        int killCount = Integer.getInteger("fault.kills", 50);
        System.out.printf("crash anywhere: seed %d, %d kills (-Dfault.seed=%d -Dfault.kills=%d)%n", seed, killCount,
                seed, killCount);
        Random random = new Random(seed);
        Random flapping = new Random(seed ^ 0x5DEECE66DL);
        Instant start = Instant.now();

        try (NatsServerProcess server = NatsServerProcess.start();
             PagerDutySimulator pagerDuty = PagerDutySimulator.start();
             Connection publisher = Nats.connect(server.url())) {
            Path config = writeConfig(server.url(), pagerDuty.eventsUrl().toString());
            addSilence(config);

            AtomicBoolean running = new AtomicBoolean(true);
            Traffic traffic = new Traffic(publisher, running);
            Thread trafficThread = new Thread(traffic, "crash-traffic");
            Thread flapper = new Thread(() -> flap(pagerDuty, flapping, running), "crash-pagerduty-flapping");
            trafficThread.start();
            flapper.start();

            int connectedBeforeKill = 0;
            for (int k = 1; k <= killCount; k++) {
                Path log = dir.resolve(String.format("bridge-%02d.log", k));
                Process bridge = startBridge(config, log);
                boolean afterConnect = random.nextInt(10) < 7;
                long delay = afterConnect ? random.nextInt(4_000) : random.nextInt(3_000);
                if (afterConnect) {
                    awaitLog(bridge, log, "nats connected");
                    connectedBeforeKill++;
                }
                Thread.sleep(delay);
                assertThat(bridge.isAlive()).as("bridge %d alive when killed; its log:%n%s", k, read(log)).isTrue();
                kills.add(Instant.now());
                bridge.destroyForcibly();
                assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(bridge.exitValue()).as("bridge %d killed by SIGKILL", k).isEqualTo(137);
                assertStartedCleanly(k, log);
                System.out.printf("crash anywhere: kill %d %s + %d ms; outbox %d events%n", k,
                        afterConnect ? "after 'nats connected'" : "after spawn", delay, outboxRows().size());
            }
            running.set(false);
            trafficThread.join();
            flapper.join();
            pagerDuty.clearFaults();
            Instant killsDone = Instant.now();

            Path lastLog = dir.resolve("bridge-final.log");
            Process last = startBridge(config, lastLog);
            awaitLog(last, lastLog, "nats connected");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    outboxRows().stream().allMatch(row -> row.state().equals("delivered")));
            Instant drained = Instant.now();
            last.destroy(); // SIGTERM: a clean stop, so the audit's last batch is written
            assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(read(lastLog)).contains("stopped; totals");
            assertStartedCleanly(killCount + 1, lastLog);

            report(seed, killCount, connectedBeforeKill, traffic, pagerDuty, start, killsDone, drained);
        }
    }

    private void report(long seed, int killCount, int connectedBeforeKill, Traffic traffic,
                        PagerDutySimulator pagerDuty, Instant start, Instant killsDone, Instant drained)
            throws Exception {
        List<OutboxRow> outbox = outboxRows();
        Map<String, List<OutboxRow>> acceptedByKey = new LinkedHashMap<>();
        for (OutboxRow row : outbox) {
            acceptedByKey.computeIfAbsent(row.dedupKey(), key -> new ArrayList<>()).add(row);
        }
        Map<String, List<ReceivedRequest>> deliveredByKey = new LinkedHashMap<>();
        List<ReceivedRequest> received = pagerDuty.received();
        for (ReceivedRequest request : received) {
            if (request.accepted() && !request.isChangeEvent()) {
                deliveredByKey.computeIfAbsent(request.field("dedup_key"), key -> new ArrayList<>()).add(request);
            }
        }

        List<String> notDelivered = new ArrayList<>();
        List<String> outOfOrder = new ArrayList<>();
        List<String> notAccepted = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        List<String> publishOrder = new ArrayList<>();
        for (Map.Entry<String, List<OutboxRow>> entry : acceptedByKey.entrySet()) {
            String key = entry.getKey();
            List<JsonNode> accepted = entry.getValue().stream().map(row -> normalized(row.bodyJson())).toList();
            List<ReceivedRequest> requests = deliveredByKey.getOrDefault(key, List.of());
            List<JsonNode> delivered = requests.stream().map(r -> normalized(r.body())).toList();
            List<Run> acceptedRuns = runs(accepted);
            List<Run> deliveredRuns = runs(delivered);
            if (delivered.isEmpty()) {
                notDelivered.add(key);
                continue;
            }
            if (!acceptedRuns.stream().map(Run::body).toList().equals(deliveredRuns.stream().map(Run::body).toList())) {
                outOfOrder.add(key + ": accepted " + actions(accepted) + ", delivered " + actions(delivered));
                continue;
            }
            int index = 0;
            for (int r = 0; r < acceptedRuns.size(); r++) {
                int extra = deliveredRuns.get(r).length() - acceptedRuns.get(r).length();
                if (extra < 0) {
                    notDelivered.add(key + " (" + acceptedRuns.get(r).body().path("event_action").asText() + ")");
                } else if (extra > 0) {
                    // each 202 but the last of the run was lost to the outbox: a kill must follow it closely
                    List<String> why = new ArrayList<>();
                    for (int j = 0; j < extra; j++) {
                        Instant accepted202 = requests.get(index + j).arrivedAt();
                        String kill = explainingKill(accepted202);
                        why.add("202 at " + accepted202 + ", " + (kill == null
                                ? "no kill within " + CRASH_WINDOW.toSeconds() + " s" : kill));
                        if (kill == null) {
                            unexplained.add(key);
                        }
                    }
                    duplicates.add(key + "/" + deliveredRuns.get(r).body().path("event_action").asText() + " ×"
                            + deliveredRuns.get(r).length() + " (" + String.join("; ", why) + ")");
                }
                index += deliveredRuns.get(r).length();
            }
            long previous = -1;
            for (JsonNode body : accepted) {
                long seq = body.path("payload").path("custom_details").path("seq").asLong(-1);
                if (seq >= 0 && seq < previous) {
                    publishOrder.add(key + ": " + actions(accepted));
                }
                previous = Math.max(previous, seq);
            }
        }
        for (String key : deliveredByKey.keySet()) {
            if (!acceptedByKey.containsKey(key)) {
                notAccepted.add(key);
            }
        }

        long pending = outbox.stream().filter(row -> !row.state().equals("delivered")).count();
        long floodEvents = outbox.stream().filter(row -> row.subject().startsWith("alerts.prod.flood")).count();
        long deliveredEvents = deliveredByKey.values().stream().mapToLong(List::size).sum();
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        received.forEach(r -> statuses.merge(r.status(), 1L, Long::sum));
        AuditCheck audit = auditCheck(outbox);
        String verify = cli("audit", "verify", "--storage", dir.resolve("data").toString());
        Map<String, String> integrity = new LinkedHashMap<>();
        for (String file : List.of("outbox.db", "audit.db", "silences.db", "signatures.db")) {
            if (Files.exists(dir.resolve("data").resolve(file))) {
                integrity.put(file, integrityCheck(dir.resolve("data").resolve(file)));
            }
        }

        System.out.printf("crash anywhere: seed %d, %d kills (%d after 'nats connected'), kills done in %d s, drained "
                        + "%d s after PagerDuty healed, wall %d s%n", seed, killCount, connectedBeforeKill,
                Duration.between(start, killsDone).toSeconds(), Duration.between(killsDone, drained).toSeconds(),
                Duration.between(start, Instant.now()).toSeconds());
        System.out.printf("crash anywhere: published %d triggers, %d resolves, %d flood-burst triggers, %d under the "
                        + "silence; accepted (outbox) %d events for %d dedup_keys (%d of them flood pages), %d not "
                        + "delivered at the end; the double answered %s and accepted %d events: %d duplicates of %d "
                        + "events%n",
                traffic.triggers.get(), traffic.resolves.get(), traffic.flooded.get(), traffic.silenced.get(),
                outbox.size(), acceptedByKey.size(), floodEvents, pending, statuses, deliveredEvents,
                deliveredEvents - outbox.size(), duplicates.size());
        System.out.printf("crash anywhere: audit forwarded rows %d (%d not in the outbox, %d accepted events without "
                + "one); audit verify: %s; integrity %s%n", audit.rows(), audit.unknown().size(), audit.missing().size(),
                verify.strip(), integrity);
        audit.missing().forEach(line -> System.out.println("crash anywhere: no audit row: " + line));
        duplicates.forEach(line -> System.out.println("crash anywhere duplicate: " + line));
        notDelivered.stream().limit(20).forEach(line -> System.out.println("crash anywhere NOT delivered: " + line));
        outOfOrder.stream().limit(20).forEach(line -> System.out.println("crash anywhere OUT OF ORDER: " + line));

        assertThat(pending).as("accepted events not delivered").isZero();
        assertThat(notDelivered).as("accepted dedup_keys that never reached PagerDuty").isEmpty();
        assertThat(outOfOrder).as("dedup_keys delivered in another order than accepted").isEmpty();
        assertThat(publishOrder).as("dedup_keys accepted in another order than published").isEmpty();
        assertThat(notAccepted).as("events at PagerDuty the outbox never held (a silenced one?)").isEmpty();
        assertThat(unexplained).as("duplicates with no kill just after their first 202").isEmpty();
        assertThat(audit.unknown()).as("audit rows for events the outbox does not hold").isEmpty();
        // Each start audits what the run before it recorded in the outbox and did not live to audit.
        assertThat(audit.missing()).as("accepted events without an audit row").isEmpty();
        assertThat(verify).as("audit verify").startsWith("chain verified up to row");
        assertThat(integrity.values()).allSatisfy(result -> assertThat(result).isEqualTo("ok"));
        assertThat(received).as("no request carries another routing key").allSatisfy(r -> assertThat(
                r.isChangeEvent() || ROUTING_KEY.equals(r.field("routing_key"))).isTrue());
    }

    // ---- the bridge ----

    private Path writeConfig(String natsUrl, String eventsUrl) throws IOException {
        Path config = dir.resolve("klaxon.yaml");
        Files.writeString(config, """
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
                guards:
                  flood:
                    per_subject: 40/1m
                """.formatted(natsUrl, eventsUrl, dir.resolve("data")));
        return config;
    }

    private void addSilence(Path config) {
        String out = cli("silence", "add", "alerts.prod.quiet.>", "--for", "2h", "--reason", "crash drill",
                "--config", config.toString());
        assertThat(out).contains("added silence #1");
    }

    /** A command in this JVM, as a person would type it; the output, or the error text when it failed. */
    private String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.<String, String>of()::get, dir,
                Clock.systemUTC());
        int code = Main.execute(List.of(args), context, new CountDownLatch(0));
        return code == 0 ? out.toString(StandardCharsets.UTF_8)
                : "exit " + code + ": " + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Process startBridge(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "dev.klaxon.cli.Main", "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PD_ROUTING_KEY_PROD", ROUTING_KEY);
        Process process = builder.start();
        bridges.add(process);
        return process;
    }

    private static void awaitLog(Process bridge, Path log, String needle) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String text = read(log);
            assertThat(bridge.isAlive()).as("the bridge exited before '%s'; its log:%n%s", needle, text).isTrue();
            return text.contains(needle);
        });
    }

    /** Storage refused, a damaged database, a stack trace: none may follow a kill. */
    private static void assertStartedCleanly(int k, Path log) {
        String text = read(log);
        assertThat(text).as("bridge %d's log", k).doesNotContainIgnoringCase("damaged")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContainIgnoringCase("cannot open");
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    // ---- the faults and the traffic ----

    /** PagerDuty flaps: a new mood every 0.2–1.5 s, healthy half of the time, else 429 or 503 to every request. */
    private static void flap(PagerDutySimulator pagerDuty, Random random, AtomicBoolean running) {
        try {
            while (running.get()) {
                int mood = random.nextInt(4);
                if (mood == 0) {
                    pagerDuty.startOutage(Fault.tooManyRequests());
                } else if (mood == 1) {
                    pagerDuty.startOutage(Fault.serverError(503));
                } else {
                    pagerDuty.endOutage();
                }
                Thread.sleep(200 + random.nextInt(1_300));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every tick: the trigger of key i on one of {@link #SUBJECTS} subjects, and the resolve of key i −
     * {@link #RESOLVE_LAG}; every tenth tick a trigger under the silence; every {@link #FLOOD_EVERY} ticks a burst
     * on one subject that floods. Each message carries a global sequence number in its custom_details, in publish
     * order.
     */
    private static final class Traffic implements Runnable {
        private final Connection publisher;
        private final AtomicBoolean running;
        private final AtomicLong seq = new AtomicLong();
        final AtomicLong triggers = new AtomicLong();
        final AtomicLong resolves = new AtomicLong();
        final AtomicLong flooded = new AtomicLong();
        final AtomicLong silenced = new AtomicLong();

        Traffic(Connection publisher, AtomicBoolean running) {
            this.publisher = publisher;
            this.running = running;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; running.get(); i++) {
                    send("alerts.prod.app.s" + i % SUBJECTS, "key-" + i, "trigger", "app " + i);
                    triggers.incrementAndGet();
                    if (i >= RESOLVE_LAG) {
                        int key = i - RESOLVE_LAG;
                        send("alerts.prod.app.s" + key % SUBJECTS, "key-" + key, "resolve", "app " + key);
                        resolves.incrementAndGet();
                    }
                    if (i % 10 == 0) {
                        send("alerts.prod.quiet.q", "quiet-" + i, "trigger", "quiet " + i);
                        silenced.incrementAndGet();
                    }
                    if (i % FLOOD_EVERY == FLOOD_EVERY / 2) {
                        for (int b = 0; b < FLOOD_BURST; b++) {
                            send("alerts.prod.flood.burst", "flood-" + i + "-" + b, "trigger", "flood " + b);
                            flooded.incrementAndGet();
                        }
                    }
                    Thread.sleep(TICK.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void send(String subject, String dedupKey, String action, String summary) {
            String body = "{\"summary\":\"" + summary + "\",\"source\":\"crash-test\",\"dedup_key\":\"" + dedupKey
                    + "\",\"event_action\":\"" + action + "\",\"custom_details\":{\"seq\":" + seq.getAndIncrement()
                    + "}}";
            publisher.publish(subject, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- reading the results ----

    record OutboxRow(long id, String subject, String dedupKey, String eventAction, String state, String bodyJson,
                     long deliveredAt) {
    }

    /** The child's outbox as any other process may read it: committed rows only, in commit order. */
    private List<OutboxRow> outboxRows() throws SQLException {
        Path db = dir.resolve("data").resolve("outbox.db");
        List<OutboxRow> rows = new ArrayList<>();
        if (!Files.exists(db)) {
            return rows;
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             var statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT id, subject, dedup_key, event_action, state, "
                     + "body_json, coalesce(delivered_at, 0) FROM events ORDER BY id")) {
            while (result.next()) {
                rows.add(new OutboxRow(result.getLong(1), result.getString(2), result.getString(3),
                        result.getString(4), result.getString(5), result.getString(6), result.getLong(7)));
            }
        }
        return rows;
    }

    /**
     * @param unknown audit rows for events the outbox does not hold
     * @param missing accepted events without an audit row, with the kill that followed their delivery
     */
    record AuditCheck(int rows, List<String> unknown, List<String> missing) {
    }

    /**
     * Every forwarded row of the audit must be an event the outbox holds (by dedup_key and action); accepted events
     * without an audit row are listed.
     */
    private AuditCheck auditCheck(List<OutboxRow> outbox) throws SQLException {
        Set<String> held = new HashSet<>();
        outbox.forEach(row -> held.add(row.dedupKey() + "/" + row.eventAction()));
        List<String> unknown = new ArrayList<>();
        Set<String> audited = new HashSet<>();
        int rows = 0;
        try (var connection = DriverManager.getConnection("jdbc:sqlite:file:" + dir.resolve("data")
                .resolve("audit.db") + "?mode=ro");
             var statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT dedup_key, event_action FROM forwarded")) {
            while (result.next()) {
                rows++;
                String event = result.getString(1) + "/" + result.getString(2);
                audited.add(event);
                if (!held.contains(event)) {
                    unknown.add(event);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (OutboxRow row : outbox) {
            if (!audited.contains(row.dedupKey() + "/" + row.eventAction())) {
                Instant delivered = Instant.ofEpochMilli(row.deliveredAt());
                String kill = explainingKill(delivered);
                missing.add(row.dedupKey() + "/" + row.eventAction() + " (delivery recorded at " + delivered + ", "
                        + (kill == null ? "no kill within " + CRASH_WINDOW.toSeconds() + " s" : kill) + ")");
            }
        }
        return new AuditCheck(rows, unknown, missing);
    }

    private static String integrityCheck(Path db) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             var statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            return result.next() ? result.getString(1) : "(no answer)";
        }
    }

    /** The body without its routing key: the outbox keeps it masked, the request carries it. */
    private static JsonNode normalized(String body) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            node.remove("routing_key");
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static List<String> actions(List<JsonNode> bodies) {
        return bodies.stream().map(b -> b.path("event_action").asText() + "#"
                + b.path("payload").path("custom_details").path("seq").asText("?")).toList();
    }

    record Run(JsonNode body, int length) {
    }

    private static List<Run> runs(List<JsonNode> bodies) {
        List<Run> runs = new ArrayList<>();
        for (JsonNode body : bodies) {
            if (!runs.isEmpty() && runs.get(runs.size() - 1).body().equals(body)) {
                Run last = runs.remove(runs.size() - 1);
                runs.add(new Run(body, last.length() + 1));
            } else {
                runs.add(new Run(body, 1));
            }
        }
        return runs;
    }

    /** The kill that came at most CRASH_WINDOW after the first 202 (or raced it), if any. */
    private String explainingKill(Instant first202) {
        synchronized (kills) {
            for (int k = 0; k < kills.size(); k++) {
                Instant kill = kills.get(k);
                if (!kill.isBefore(first202.minus(SIGNAL_RACE)) && kill.isBefore(first202.plus(CRASH_WINDOW))) {
                    return "kill " + (k + 1) + " " + Duration.between(first202, kill).toMillis() + " ms after it";
                }
            }
        }
        return null;
    }
}
