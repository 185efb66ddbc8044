package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.PropertyCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-based fuzzing of the YAML config loader (issue 15): whatever an operator's editor leaves in the file, the
 * loader either returns a config or refuses it with errors that each name a line of the file (or none), in a short
 * printable message; it never throws anything else, and it says the same twice. Inputs are the default config and a
 * realistic one, mutated with the characters YAML gives meaning to.
 */
class ConfigLoaderPropertiesTest {
    private static final int TRIES = 1000;
    private static final int MAX_MESSAGE_LENGTH = 600;
    private static final String YAML_CHARACTERS = ":-[]{}#&*!|>'\"%@`,? \t\n\\é\u0000\u0085\u2028\uFEFF";
    private static final String REALISTIC = """
            nats:
              servers: ["nats://127.0.0.1:4222", "tls://nats.example.com:4443"]
              subjects: ["alerts.>", "metrics.*.auth"]
              token_env: NATS_TOKEN
              jetstream:
                stream: KLAXON_ALERTS
                replicas: 3
            pagerduty:
              region: eu
              api_token_file: ~/secrets/pd-token
              from_email: oncall@example.com
              budget_per_minute: 120
              retry: { base: 1s, cap: 5m }
            storage:
              dir: ~/.local/share/klaxon
              audit_retention: 90d
            routes:
              - match: "alerts.prod.>"
                action: page
                routing_key_env: PD_ROUTING_KEY_PROD
                severity: critical
                dedup_key: "{subject}/{source}"
                continue: true
              - match: "alerts.staging.*"
                action: log
              - match: "deploys.>"
                action: change
                routing_key_file: /etc/klaxon/pd-changes
            guards:
              dedup_window: 5m
              shadow: false
              flood:
                per_subject: 20/1m
                global: 200/1m
              inhibit:
                - while: "alerts.prod.dc1.down"
                  hold: "alerts.prod.dc1.>"
                  below: critical
            """;

    @TempDir
    Path dir;

    private String mutated(SplittableRandom random) {
        String text = random.nextBoolean() ? REALISTIC : DefaultConfig.text();
        int mutations = 1 + random.nextInt(6);
        for (int i = 0; i < mutations; i++) {
            text = mutate(text, random);
        }
        return text;
    }

    private static String mutate(String text, SplittableRandom random) {
        if (text.isEmpty()) {
            return String.valueOf(YAML_CHARACTERS.charAt(random.nextInt(YAML_CHARACTERS.length())));
        }
        int at = random.nextInt(text.length());
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int line = random.nextInt(lines.size());
        return switch (random.nextInt(7)) {
            case 0 -> text.substring(0, at) + YAML_CHARACTERS.charAt(random.nextInt(YAML_CHARACTERS.length()))
                    + text.substring(at);
            case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(20)));
            case 2 -> {
                lines.add(line, lines.get(line)); // a duplicated line: a duplicate key, often
                yield String.join("\n", lines);
            }
            case 3 -> {
                lines.set(line, (random.nextBoolean() ? "  " : "") + lines.get(line).stripLeading());
                yield String.join("\n", lines);
            }
            case 4 -> {
                lines.remove(line);
                yield String.join("\n", lines);
            }
            case 5 -> {
                int other = random.nextInt(lines.size());
                String moved = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, moved);
                yield String.join("\n", lines);
            }
            default -> text.substring(0, at) + " &a *a !!str " + text.substring(at);
        };
    }

    @Test
    void mutatedConfigsLoadOrAreRefusedWithLinesAndShortPrintableMessages() {
        ConfigLoader loader = new ConfigLoader(dir);
        Path file = dir.resolve("klaxon.yaml");
        PropertyCheck.ofStrings(this::mutated).forAll(TRIES, yaml -> {
            String first = outcome(loader, yaml, file);
            assertThat(outcome(loader, yaml, file)).as("the same answer twice").isEqualTo(first);
        });
    }

    /** What the loader says about {@code yaml}, checked on the way. */
    private static String outcome(ConfigLoader loader, String yaml, Path file) {
        try {
            KlaxonConfig config = loader.parse(yaml, file);
            assertThat(config.routes()).allSatisfy(rule -> assertThat(rule.match().text()).isNotBlank());
            return "loaded: " + config.routes().size() + " route(s), " + config.nats().subjects();
        } catch (ConfigException e) {
            long lines = yaml.chars().filter(c -> c == '\n').count() + 1;
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.line()).as(error.render()).isBetween(0, (int) lines + 1);
                assertThat(error.message().length()).as(error.render()).isLessThanOrEqualTo(MAX_MESSAGE_LENGTH);
                assertThat(error.render()).as("printable").doesNotContain("\u0000", "\r", "\u2028");
            });
            return e.getMessage();
        }
    }
}
