package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscriptions that cannot work are refused at load (so by {@code config check}), naming the key and line. */
class NatsSubjectLimitsTest {
    @TempDir
    Path tempDir;

    @Test
    void aSubjectLongerThanAnyAcceptedSubjectIsRefused() {
        String longSubject = "alerts." + "x".repeat(4_193); // 4,200 characters: over NATS's 4 KB control line too
        assertThat(new ConfigFixture(tempDir).errors("""
                nats:
                  subjects:
                    - "alerts.>"
                    - "%s"
                """.formatted(longSubject))).containsExactly("nats.subjects[1]: 4200 characters long; longer than 512, "
                + "the longest subject Klaxon accepts, so nothing it receives could be used (line 4)");
    }

    @Test
    void aSubjectOfExactlyTheLimitIsFine() throws Exception {
        String subject = "alerts." + "x".repeat(512 - 7);
        assertThat(new ConfigFixture(tempDir).parse("""
                nats:
                  subjects: ["%s"]
                """.formatted(subject)).nats().subjects()).containsExactly(subject);
    }

    @Test
    void aQueueGroupThatWouldNotFitTheProtocolLineIsRefused() {
        assertThat(new ConfigFixture(tempDir).errors("""
                nats:
                  subjects: ["alerts.>"]
                  queue_group: "%s"
                """.formatted("q".repeat(600)))).containsExactly(
                "nats.queue_group: 600 characters long; the limit is 512 (line 3)");
    }
}
