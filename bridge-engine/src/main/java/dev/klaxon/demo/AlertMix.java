package dev.klaxon.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.demo.FeedMessage.Kind;
import dev.klaxon.demo.Scenario.Occurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides what the synthetic feed publishes at each tick. Pure with respect to time and randomness: the output
 * depends only on the seed of the {@link Random}, the tick numbers and the instants passed in, so a test can run
 * minutes of traffic in milliseconds and get the same bytes every time. Not thread-safe; the feed owns one.
 */
public final class AlertMix {

    /** The feed publishes in 100 ms steps: fine enough for smooth rates, coarse enough to be cheap. */
    public static final Duration TICK = Duration.ofMillis(100);

    /** Chance of one baseline message per tick: ~3/s, calm enough that only the bursts trip flood state. */
    private static final double BASELINE_PER_TICK = 0.3;
    /**
     * In its first seconds the feed also sends one malformed body of each kind, 2 s apart (an exporter starting
     * up with a bad template), so a viewer sees rejections, and why, before the story begins.
     */
    private static final long STARTUP_SPACING = 20;
    // Per baseline message, cumulative thresholds on one uniform draw (rates chosen to look like a busy but
    // not burning production: a malformed body every few seconds, a text check every second or two).
    private static final double MALFORMED_BELOW = 0.015;
    private static final double PLAIN_TEXT_BELOW = 0.045;
    private static final double RESOLVE_BELOW = 0.16;
    private static final double ACKNOWLEDGE_BELOW = 0.175;
    /** Instances behind a flooding source: each burst message is one of them failing. */
    static final int BURST_INSTANCES = 40;
    /** Share of triggers that carry their own dedup_key; the rest rely on the route's template. */
    private static final double DEDUP_KEY_SHARE = 0.7;
    private static final double LINK_SHARE = 0.25;
    /** Open incidents remembered for later resolves; bounded so a long demo does not grow. */
    private static final int MAX_OPEN = 200;

    private final Random random;
    private final BurstSchedule bursts;
    private final List<Scenario> scenarios;
    private final List<AlertCatalog.PlainText> plainTexts;
    private final int totalWeight;
    private final ObjectMapper json = new ObjectMapper();
    private final List<OpenIncident> open = new ArrayList<>();

    private record OpenIncident(String subject, String dedupKey, String source, String summary) { }

    public AlertMix(Random random) {
        this(random, BurstSchedule.standard());
    }

    public AlertMix(Random random, BurstSchedule bursts) {
        this.random = random;
        this.bursts = bursts;
        this.scenarios = AlertCatalog.standard();
        this.plainTexts = AlertCatalog.plainText();
        this.totalWeight = scenarios.stream().mapToInt(Scenario::weight).sum();
        for (BurstSchedule.BurstTarget target : bursts.targets()) {
            Scenario scenario = scenario(target.scenario());
            if (!scenario.sources().contains(target.source())) {
                throw new IllegalArgumentException("burst source " + target.source() + " not in " + scenario.name());
            }
        }
    }

    public BurstSchedule bursts() {
        return bursts;
    }

    /**
     * The messages of tick {@code n} (tick 0 is the start), in publish order. A calm baseline (~3/s, a busy but
     * healthy production), plus {@link BurstSchedule#perTick()} during a burst, interleaved, and the resolve of a
     * burst's check once it is over.
     *
     * @param now stamped into the messages' {@code timestamp} field
     */
    public List<FeedMessage> tick(long n, Instant now) {
        List<FeedMessage> out = new ArrayList<>();
        if (random.nextDouble() < BASELINE_PER_TICK) {
            out.add(baselineMessage(now));
        }
        if (n > 0 && n % STARTUP_SPACING == 0 && n / STARTUP_SPACING <= Malformation.values().length) {
            out.add(malformed(Malformation.values()[(int) (n / STARTUP_SPACING) - 1]));
        }
        for (int instance = 0; instance < BURST_INSTANCES; instance++) {
            int resolved = instance;
            bursts.resolveAt(n - instance, TICK).ifPresent(burst -> out.add(resolveBurst(bursts.target(burst),
                    resolved, now)));
        }
        bursts.burstAt(n, TICK).ifPresent(burst -> {
            BurstSchedule.BurstTarget target = bursts.target(burst);
            Scenario scenario = scenario(target.scenario());
            for (int i = 0; i < bursts.perTick(); i++) {
                // Spread the burst through the tick's baseline so the subscriber sees them interleaved.
                out.add(random.nextInt(out.size() + 1), trigger(scenario, target.source(), now, Kind.BURST));
            }
        });
        return out;
    }

    private FeedMessage baselineMessage(Instant now) {
        double draw = random.nextDouble();
        if (draw < MALFORMED_BELOW) {
            return malformed();
        }
        if (draw < PLAIN_TEXT_BELOW) {
            AlertCatalog.PlainText text = plainTexts.get(random.nextInt(plainTexts.size()));
            return FeedMessage.of(text.subject(), text.text().apply(random), Kind.PLAIN_TEXT);
        }
        if (draw < ACKNOWLEDGE_BELOW && !open.isEmpty()) {
            return followUp(now, draw < RESOLVE_BELOW);
        }
        Scenario scenario = pickScenario();
        return trigger(scenario, scenario.pickSource(random), now, Kind.TRIGGER);
    }

    private FeedMessage trigger(Scenario scenario, String source, Instant now, Kind kind) {
        Occurrence occurrence = scenario.symptom().render(random, source);
        String subject = scenario.subjectFor(source);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", occurrence.summary());
        String severity = scenario.pickSeverity(random);
        if (!severity.isEmpty()) {
            body.put("severity", severity);
        }
        body.put("source", source);
        body.put("component", scenario.component());
        body.put("group", scenario.group());
        body.put("class", scenario.alertClass());
        body.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("custom_details", occurrence.details());
        if (kind == Kind.BURST) {
            // A flood is many distinct alerts at once (one per failing instance), not one alert repeated, which
            // dedup would fold: each burst message names one of the instances behind the source.
            body.put("dedup_key", scenario.dedupKeyFor(source) + "/i-" + random.nextInt(BURST_INSTANCES));
        } else if (random.nextDouble() < DEDUP_KEY_SHARE) {
            String dedupKey = scenario.dedupKeyFor(source);
            body.put("dedup_key", dedupKey);
            remember(new OpenIncident(subject, dedupKey, source, occurrence.summary()));
        }
        if (random.nextDouble() < LINK_SHARE) {
            body.put("links", List.of(Map.of("href", "https://grafana.example.com/d/" + scenario.name(),
                    "text", "Dashboard")));
        }
        return FeedMessage.of(subject, write(body), kind);
    }

    /** The end of a burst's story: the fault is fixed and each instance's alert resolved, one per tick. */
    private FeedMessage resolveBurst(BurstSchedule.BurstTarget target, int instance, Instant now) {
        Scenario scenario = scenario(target.scenario());
        String dedupKey = scenario.dedupKeyFor(target.source()) + "/i-" + instance;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_action", "resolve");
        body.put("dedup_key", dedupKey);
        body.put("summary", "Resolved: " + scenario.alertClass() + " on " + target.source() + " i-" + instance
                + " is back to normal");
        body.put("source", target.source());
        body.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        return FeedMessage.of(scenario.subjectFor(target.source()), write(body), Kind.RESOLVE);
    }

    /** An acknowledge or resolve of an incident an earlier trigger opened, as a monitoring tool would send. */
    private FeedMessage followUp(Instant now, boolean resolve) {
        int index = random.nextInt(open.size());
        OpenIncident incident = resolve ? open.remove(index) : open.get(index);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_action", resolve ? "resolve" : "acknowledge");
        body.put("dedup_key", incident.dedupKey());
        body.put("summary", (resolve ? "Resolved: " : "Acknowledged: ") + incident.summary());
        body.put("source", incident.source());
        body.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        return FeedMessage.of(incident.subject(), write(body), resolve ? Kind.RESOLVE : Kind.ACKNOWLEDGE);
    }

    private FeedMessage malformed() {
        Malformation[] kinds = Malformation.values();
        return malformed(kinds[random.nextInt(kinds.length)]);
    }

    private FeedMessage malformed(Malformation malformation) {
        Scenario scenario = pickScenario();
        String source = scenario.pickSource(random);
        Occurrence occurrence = scenario.symptom().render(random, source);
        return new FeedMessage(scenario.subjectFor(source), malformation.render(occurrence.summary(), source),
                Kind.MALFORMED, malformation);
    }

    private void remember(OpenIncident incident) {
        // One open incident per dedup_key, as PagerDuty keeps it; a repeat trigger refreshes it.
        open.removeIf(o -> o.dedupKey().equals(incident.dedupKey()));
        if (open.size() == MAX_OPEN) {
            open.remove(0);
        }
        open.add(incident);
    }

    private Scenario pickScenario() {
        int pick = random.nextInt(totalWeight);
        for (Scenario scenario : scenarios) {
            pick -= scenario.weight();
            if (pick < 0) {
                return scenario;
            }
        }
        throw new AssertionError("weights exhausted");
    }

    private Scenario scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario named " + name));
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a map of strings and numbers", e);
        }
    }
}
