package dev.klaxon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.demo.FeedMessage.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs ten simulated minutes of the feed in memory and checks the mix and the story a demo viewer should see. */
class AlertMixTest {

    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    private static final long TICKS = 6000; // 10 min: four bursts, three resolved within it
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<List<FeedMessage>> byTick;
    private static List<FeedMessage> all;

    @BeforeAll
    static void generate() {
        byTick = run(42, TICKS);
        all = byTick.stream().flatMap(List::stream).toList();
    }

    private static List<List<FeedMessage>> run(long seed, long ticks) {
        AlertMix mix = new AlertMix(new Random(seed));
        List<List<FeedMessage>> out = new ArrayList<>();
        for (long n = 0; n < ticks; n++) {
            out.add(mix.tick(n, START.plus(AlertMix.TICK.multipliedBy(n))));
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameBytes() {
        List<FeedMessage> again = run(42, 300).stream().flatMap(List::stream).toList();
        List<FeedMessage> first = byTick.subList(0, 300).stream().flatMap(List::stream).toList();
        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).subject()).isEqualTo(first.get(i).subject());
            assertThat(again.get(i).body()).isEqualTo(first.get(i).body());
        }
        List<FeedMessage> otherSeed = run(7, 300).stream().flatMap(List::stream).toList();
        assertThat(otherSeed.stream().map(FeedMessage::bodyText).toList())
                .isNotEqualTo(first.stream().map(FeedMessage::bodyText).toList());
    }

    @Test
    void theBaselineIsCalmOutsideBursts() {
        BurstSchedule schedule = BurstSchedule.standard();
        long quietTicks = 0;
        long quietMessages = 0;
        for (int n = 0; n < byTick.size(); n++) {
            if (schedule.burstAt(n, AlertMix.TICK).isEmpty()) {
                quietTicks++;
                quietMessages += byTick.get(n).size();
                assertThat(byTick.get(n)).noneMatch(m -> m.kind() == Kind.BURST);
            }
        }
        double perSecond = quietMessages / (quietTicks * AlertMix.TICK.toMillis() / 1000.0);
        assertThat(perSecond).isBetween(2.0, 5.0);
        Map<String, Long> perSubject = all.stream().filter(m -> m.kind() == Kind.TRIGGER)
                .collect(Collectors.groupingBy(FeedMessage::subject, Collectors.counting()));
        // Held triggers are not folded by dedup, so a subject leaves flood state only if its baseline alone stays
        // under the demo's 30/min threshold.
        assertThat(perSubject).as("every subject's baseline stays well under 30 triggers a minute")
                .allSatisfy((subject, count) -> assertThat(count / 10.0).as(subject).isLessThan(25.0));
    }

    @Test
    void everyThreeMinutesOneCheckFlapsForFifteenSecondsAndIsResolvedOnceItIsOver() throws IOException {
        Map<Integer, List<FeedMessage>> bursts = new java.util.TreeMap<>();
        List<Long> resolveTicks = new ArrayList<>();
        for (int n = 0; n < byTick.size(); n++) {
            for (FeedMessage m : byTick.get(n)) {
                if (m.kind() == Kind.BURST) {
                    int burst = (n - 200) / 1800;
                    assertThat(n - 200 - burst * 1800L).as("tick %d inside burst window", n).isBetween(0L, 149L);
                    bursts.computeIfAbsent(burst, k -> new ArrayList<>()).add(m);
                }
                if (m.kind() == Kind.RESOLVE && m.bodyText().contains("is back to normal")) {
                    resolveTicks.add((long) n);
                }
            }
        }
        // Ticks 200..349, 2000..2149, ...: 20 s of quiet after start, then every three minutes, 15 s each.
        assertThat(bursts).containsOnlyKeys(0, 1, 2, 3);
        List<String> burstSubjects = new ArrayList<>();
        for (List<FeedMessage> burst : bursts.values()) {
            assertThat(burst).hasSize(600);
            assertThat(burst.stream().map(FeedMessage::subject).distinct()).hasSize(1);
            burstSubjects.add(burst.get(0).subject());
        }
        assertThat(burstSubjects).containsExactly("alerts.prod.api.gateway", "alerts.prod.payments",
                "alerts.prod.db.db-2", "alerts.staging.auth");
        assertThat(resolveTicks).as("each burst's instances resolved from 82.5 s after it ends, one per tick")
                .hasSize(3 * AlertMix.BURST_INSTANCES)
                .startsWith(1175L, 1176L).contains(1214L, 2975L, 4775L, 4814L).doesNotContain(1174L, 1215L);
        FeedMessage firstResolve = byTick.get(1175).stream().filter(m -> m.kind() == Kind.RESOLVE)
                .filter(m -> m.bodyText().contains("back to normal")).findFirst().orElseThrow();
        assertThat(firstResolve.subject()).isEqualTo("alerts.prod.api.gateway");
        assertThat(JSON.readTree(firstResolve.body()).get("dedup_key").asText()).isEqualTo("gw-eu-1/http_5xx/i-0");
        List<String> burstKeys = new ArrayList<>();
        for (FeedMessage m : bursts.get(0)) {
            burstKeys.add(JSON.readTree(m.body()).get("dedup_key").asText());
        }
        assertThat(burstKeys.stream().distinct().count()).as("a flood is many distinct alerts, not one repeated")
                .isEqualTo(AlertMix.BURST_INSTANCES);
        assertThat(byTick.subList(0, 200).stream().flatMap(List::stream).filter(m -> m.kind() == Kind.BURST))
                .as("a quiet start").isEmpty();
    }

    @Test
    void theFirstSecondsShowEachKindOfMalformedMessage() {
        Set<Malformation> early = byTick.subList(0, 110).stream().flatMap(List::stream)
                .filter(m -> m.kind() == Kind.MALFORMED).map(FeedMessage::malformation)
                .collect(Collectors.toSet());
        assertThat(early).isEqualTo(EnumSet.allOf(Malformation.class));
    }

    @Test
    void coversProdStagingAndMetricsSubjectsAcrossServices() {
        Set<String> subjects = all.stream().map(FeedMessage::subject).collect(Collectors.toSet());
        assertThat(subjects).contains("alerts.prod.api.gateway", "alerts.prod.auth", "alerts.prod.payments",
                "alerts.prod.search", "alerts.staging.db", "alerts.staging.auth", "metrics.staging.auth");
        assertThat(subjects).anyMatch(s -> s.matches("alerts\\.prod\\.db\\.db-\\d"));
        assertThat(subjects.stream().filter(s -> s.startsWith("alerts.prod.db.")).count()).isGreaterThanOrEqualTo(3);
        assertThat(subjects).allMatch(s -> s.matches("(alerts|metrics)\\.(prod|staging)(\\.[a-z0-9-]+)*"));
    }

    @Test
    void allSeveritiesIncludingAliasesAndMissingOnes() throws IOException {
        List<JsonNode> triggers = parsed(Kind.TRIGGER);
        Set<String> severities = triggers.stream().filter(n -> n.has("severity"))
                .map(n -> n.get("severity").asText()).collect(Collectors.toSet());
        assertThat(severities).contains("critical", "error", "warning", "info", "warn", "fatal");
        assertThat(triggers).anyMatch(n -> !n.has("severity"));
    }

    @Test
    void triggersCarryRealisticFields() throws IOException {
        List<JsonNode> triggers = parsed(Kind.TRIGGER);
        assertThat(triggers).allMatch(n -> n.hasNonNull("summary") && n.hasNonNull("source")
                && n.hasNonNull("component") && n.hasNonNull("group") && n.hasNonNull("class")
                && n.get("custom_details").isObject() && Instant.parse(n.get("timestamp").asText()) != null);
        List<String> summaries = triggers.stream().map(n -> n.get("summary").asText()).toList();
        assertThat(summaries).anyMatch(s -> s.matches("Replication lag \\d+s on db-\\d"));
        assertThat(summaries).anyMatch(s -> s.matches("5xx rate \\d+% on /checkout"));
        assertThat(summaries).anyMatch(s -> s.matches("Certificate expires in \\d+ days"));
        assertThat(triggers).anyMatch(n -> n.has("dedup_key"));
        assertThat(triggers).anyMatch(n -> !n.has("dedup_key"));
        assertThat(triggers).anyMatch(n -> n.has("links"));
        assertThat(all).allMatch(m -> m.body().length < 64 * 1024);
    }

    @Test
    void resolvesAndAcknowledgesFollowEarlierTriggersOnTheSameSubject() throws IOException {
        Map<String, String> openedOn = new java.util.HashMap<>();
        int resolves = 0;
        int acks = 0;
        for (FeedMessage m : all) {
            if (m.kind() == Kind.TRIGGER || m.kind() == Kind.BURST) {
                JsonNode n = JSON.readTree(m.body());
                if (n.has("dedup_key")) {
                    openedOn.put(n.get("dedup_key").asText(), m.subject());
                }
            } else if (m.kind() == Kind.RESOLVE || m.kind() == Kind.ACKNOWLEDGE) {
                JsonNode n = JSON.readTree(m.body());
                String key = n.get("dedup_key").asText();
                assertThat(openedOn).as("follow-up of an earlier trigger").containsEntry(key, m.subject());
                assertThat(n.get("event_action").asText()).isEqualTo(m.kind() == Kind.RESOLVE ? "resolve" : "acknowledge");
                if (m.kind() == Kind.RESOLVE) {
                    resolves++;
                } else {
                    acks++;
                }
            }
        }
        assertThat(resolves).isGreaterThan(100);
        assertThat(acks).isGreaterThan(5);
    }

    @Test
    void someMessagesArePlainText() {
        List<FeedMessage> text = all.stream().filter(m -> m.kind() == Kind.PLAIN_TEXT).toList();
        assertThat(text).hasSizeGreaterThan(20);
        assertThat(text).allMatch(m -> !m.bodyText().startsWith("{") && !m.bodyText().startsWith("["));
    }

    @Test
    void malformedMessagesOfEveryKindAtALowRate() {
        List<FeedMessage> malformed = all.stream().filter(m -> m.kind() == Kind.MALFORMED).toList();
        long nonBurst = all.stream().filter(m -> m.kind() != Kind.BURST).count();
        assertThat((double) malformed.size() / nonBurst).isBetween(0.005, 0.03);
        Map<Malformation, FeedMessage> oneOfEach = malformed.stream()
                .collect(Collectors.toMap(FeedMessage::malformation, Function.identity(), (a, b) -> a));
        assertThat(oneOfEach.keySet()).isEqualTo(EnumSet.allOf(Malformation.class));
        for (FeedMessage m : malformed) {
            assertThat(isBrokenForAnAlertDecoder(m)).as("%s: %s", m.malformation(), m.bodyText()).isTrue();
        }
        assertThat(isValidUtf8(oneOfEach.get(Malformation.INVALID_UTF8).body())).isFalse();
        assertThat(oneOfEach.get(Malformation.CONTROL_CHARS).bodyText()).containsPattern("[\\x00-\\x08]");
    }

    /** Each malformed body must fail strict parsing as a JSON object within the decoder's 64-level limit. */
    private static boolean isBrokenForAnAlertDecoder(FeedMessage m) {
        if (!isValidUtf8(m.body())) {
            return true;
        }
        try {
            JsonNode node = JSON.readTree(m.body());
            return !node.isObject() || depth(node) > 64;
        } catch (IOException e) {
            return true;
        }
    }

    private static int depth(JsonNode node) {
        int max = 0;
        for (JsonNode child : node) {
            max = Math.max(max, depth(child));
        }
        return (node.isContainerNode() ? 1 : 0) + max;
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static List<JsonNode> parsed(Kind kind) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (FeedMessage m : all) {
            if (m.kind() == kind) {
                out.add(JSON.readTree(m.body()));
            }
        }
        return out;
    }

    @Test
    void tickLengthIsTheDocumentedHundredMilliseconds() {
        assertThat(AlertMix.TICK).isEqualTo(Duration.ofMillis(100));
    }
}
