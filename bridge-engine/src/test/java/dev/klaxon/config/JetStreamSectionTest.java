package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nats.jetstream} (team mode): its contract keys, defaults, and each bad value named with key and line. */
class JetStreamSectionTest {
    @TempDir
    Path tempDir;

    @Test
    void withoutTheKeyKlaxonRunsInCoreMode() throws Exception {
        NatsConfig nats = new ConfigFixture(tempDir).parse("""
                nats:
                  subjects: ["alerts.>"]
                """).nats();
        assertThat(nats.jetstream()).isNull();
        assertThat(nats.teamMode()).isFalse();
    }

    @Test
    void anEmptySectionIsTeamModeWithEveryDefault() throws Exception {
        assertThat(new ConfigFixture(tempDir).parse("""
                nats:
                  jetstream: {}
                """).nats().jetstream()).isEqualTo(JetStreamConfig.defaults());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        JetStreamConfig js = new ConfigFixture(tempDir).parse("""
                nats:
                  jetstream:
                    stream: TEAM_A
                    consumer: team-a-pager
                    create: false
                    replicas: 3
                    max_age: 2d
                    ack_wait: 45s
                    role: observer
                    late_join: 5m
                """).nats().jetstream();
        assertThat(js).isEqualTo(new JetStreamConfig("TEAM_A", "team-a-pager", false, 3, Duration.ofDays(2),
                Duration.ofSeconds(45), JetStreamConfig.Role.OBSERVER, Duration.ofMinutes(5)));
    }

    @Test
    void eachBadValueIsNamedWithItsKeyAndLine() {
        assertThat(new ConfigFixture(tempDir).errors("""
                nats:
                  jetstream:
                    stream: "KLAXON.ALERTS"
                    consumer: "klaxon pager"
                    create: maybe
                    replicas: 7
                    max_age: forever
                    ack_wait: 500ms
                    role: boss
                    late_join: 2d
                """)).containsExactlyInAnyOrder(
                "nats.jetstream.stream: must not contain '.' (JetStream names exclude . * > / \\), got "
                        + "\"KLAXON.ALERTS\" (line 3)",
                "nats.jetstream.consumer: must not contain spaces or control characters (line 4)",
                "nats.jetstream.create: expected true or false, got a string (line 5)",
                "nats.jetstream.replicas: expected a whole number from 1 to 5, got 7 (line 6)",
                "nats.jetstream.max_age: expected a duration such as 5m (units ms, s, m, h, d), got \"forever\" "
                        + "(line 7)",
                "nats.jetstream.ack_wait: must be at least 1s (line 8)",
                "nats.jetstream.role: expected auto, sender or observer, got \"boss\" (line 9)",
                "nats.jetstream.late_join: must be at most 1d (line 10)");
    }

    @Test
    void aMisspelledKeyGetsASuggestion() {
        assertThat(new ConfigFixture(tempDir).errors("""
                nats:
                  jetstream:
                    consumr: klaxon-pager
                """)).singleElement().asString().contains("nats.jetstream.consumr").contains("consumer")
                .contains("line 3");
    }

    @Test
    void aQueueGroupCannotSplitTheTeamsView() {
        assertThat(new ConfigFixture(tempDir).errors("""
                nats:
                  queue_group: bridges
                  jetstream: { stream: KLAXON_ALERTS }
                """)).singleElement().asString().startsWith("nats.queue_group: cannot be used with nats.jetstream")
                .endsWith("(line 2)");
    }
}
