package dev.klaxon.demo;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One kind of alert a real service emits: where it is published, who emits it and what it says.
 *
 * @param name            stable identifier (bursts refer to scenarios by name)
 * @param subjectTemplate NATS subject; {@code {source}} is replaced by the emitting host
 * @param sources         hosts or instances that emit it
 * @param severities      picked uniformly; aliases such as {@code warn} and {@code fatal} included on purpose,
 *                        and an empty string means "no severity field" so the route's default applies
 * @param weight          relative frequency in the baseline mix
 */
record Scenario(String name, String subjectTemplate, List<String> sources, String component, String group,
                String alertClass, List<String> severities, int weight, Symptom symptom) {

    Scenario {
        sources = List.copyOf(sources);
        severities = List.copyOf(severities);
    }

    /** Produces the human text and details of one occurrence; randomness only from the given Random. */
    @FunctionalInterface
    interface Symptom {
        Occurrence render(Random random, String source);
    }

    /** What one occurrence says. {@code details} keeps insertion order so bodies are reproducible. */
    record Occurrence(String summary, Map<String, Object> details) { }

    String subjectFor(String source) {
        return subjectTemplate.replace("{source}", source);
    }

    String pickSource(Random random) {
        return sources.get(random.nextInt(sources.size()));
    }

    String pickSeverity(Random random) {
        return severities.get(random.nextInt(severities.size()));
    }

    /** The dedup_key a real emitter would use: one open incident per host and check. */
    String dedupKeyFor(String source) {
        return source + "/" + alertClass;
    }
}
