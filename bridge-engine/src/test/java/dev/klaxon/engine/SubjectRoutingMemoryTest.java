package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.decision.Outcome;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The processor remembers each subject's routing (issue 14): what it remembers must never change a decision — not
 * after a reload, not for a subject it could not use, not past the bound on what it remembers.
 */
class SubjectRoutingMemoryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static MessageProcessor processor(String routes) throws Exception {
        return new MessageProcessor(new ConfigLoader().parse(routes, null).routes(), new MessageDecoder(), CLOCK);
    }

    private static Outcome outcome(MessageProcessor processor, String subject) {
        return processor.decide(InboundMessage.of(subject, "{}".getBytes(StandardCharsets.UTF_8), CLOCK.instant()))
                .outcome();
    }

    @Test
    void aReloadRoutesASubjectSeenBeforeByTheNewRules() throws Exception {
        MessageProcessor processor = processor("routes:\n  - match: \"alerts.>\"\n    action: drop\n");
        assertThat(outcome(processor, "alerts.prod.db")).isEqualTo(Outcome.DROPPED);

        processor.reroute(new ConfigLoader().parse("routes:\n  - match: \"alerts.prod.>\"\n    action: log\n", null)
                .routes());

        assertThat(outcome(processor, "alerts.prod.db")).isEqualTo(Outcome.LOGGED);
    }

    @Test
    void anUnusableSubjectIsRejectedEveryTimeWithItsReason() throws Exception {
        MessageProcessor processor = processor("routes:\n  - match: \">\"\n    action: log\n");
        for (int i = 0; i < 3; i++) {
            var decision = processor.decide(InboundMessage.of("alerts..db", "{}".getBytes(StandardCharsets.UTF_8),
                    CLOCK.instant()));
            assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(decision.reason()).contains("empty token");
        }
    }

    @Test
    void subjectsPastWhatItRemembersAreRoutedAsWell() throws Exception {
        MessageProcessor processor = processor("""
                routes:
                  - match: "alerts.*.even"
                    action: log
                  - match: "alerts.>"
                    action: drop
                """);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10_000; i++) {
                String subject = "alerts.s" + i + (i % 2 == 0 ? ".even" : ".odd");
                assertThat(outcome(processor, subject)).as(subject)
                        .isEqualTo(i % 2 == 0 ? Outcome.LOGGED : Outcome.DROPPED);
            }
            assertThat(outcome(processor, "alerts." + "x".repeat(300) + ".even")).isEqualTo(Outcome.LOGGED);
        }
    }
}
