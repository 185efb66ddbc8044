package dev.klaxon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What the processing thread keeps per subject: one entry a subject, bounded, none for a subject it cannot name, and
 * no routing of an old config once the rules changed (a quiet subject would otherwise keep the old rules alive).
 */
class KnownSubjectsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static InboundMessage message(String subject) {
        return InboundMessage.of(subject, "{}".getBytes(StandardCharsets.UTF_8), CLOCK.instant());
    }

    private static MessageProcessor processor(String action) throws Exception {
        return new MessageProcessor(new ConfigLoader().parse("routes:\n  - match: \"alerts.>\"\n    action: " + action
                + "\n", null).routes(), new MessageDecoder(), CLOCK);
    }

    @Test
    void aReloadLetsGoOfEveryRoutingMadeFromTheOldRules() throws Exception {
        MessageProcessor processor = processor("drop");
        KnownSubjects known = new KnownSubjects();
        KnownSubjects.Known quiet = keep(known, processor, "alerts.prod.quiet");
        KnownSubjects.Known busy = keep(known, processor, "alerts.prod.busy");
        MessageProcessor.RouteTable oldRules = busy.routing.table();

        assertThat(quiet.routing).as("same rules: kept").isNotNull();

        processor.reroute(new ConfigLoader().parse("routes:\n  - match: \"alerts.>\"\n    action: log\n", null)
                .routes());
        keep(known, processor, "alerts.prod.busy");

        assertThat(busy.routing.table()).isNotSameAs(oldRules);
        assertThat(quiet.routing).as("the quiet subject's routing of the old rules").isNull();
    }

    private static KnownSubjects.Known keep(KnownSubjects known, MessageProcessor processor, String subject) {
        KnownSubjects.Known kept = known.of(message(subject));
        known.routing(message(subject), kept, processor);
        return kept;
    }

    @Test
    void oneEntryASubjectNoneForAnUnusableOneAndNoneForALongOne() {
        KnownSubjects known = new KnownSubjects();

        assertThat(known.of(message("alerts.prod.db"))).isSameAs(known.of(message(new String("alerts.prod.db"))));
        assertThat(known.of(new InboundMessage("alerts.\\xFF", new byte[0], null, CLOCK.instant(),
                "subject is not valid UTF-8"))).isNull();
        assertThat(known.of(message("a".repeat(KnownSubjects.MAX_SUBJECT_CHARS + 1)))).isNull();
    }

    @Test
    void keepsNoMoreThanItsBound() {
        KnownSubjects known = new KnownSubjects();
        for (int i = 0; i < KnownSubjects.MAX_SUBJECTS; i++) {
            assertThat(known.of(message("alerts.s" + i))).isNotNull();
        }

        assertThat(known.of(message("alerts.one.too.many"))).isNull();
        assertThat(known.of(message("alerts.s0"))).as("a subject kept before the bound").isNotNull();
    }
}
