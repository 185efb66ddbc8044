package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.klaxon.message.AlertMessage;
import dev.klaxon.message.DecodeResult;
import dev.klaxon.message.InboundMessage;
import dev.klaxon.message.MessageDecoder;
import dev.klaxon.route.SubjectPattern;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SilenceBookTest {
    private static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");

    private static AlertMessage message(String json) {
        DecodeResult result = new MessageDecoder().decode(new InboundMessage("alerts.prod.db",
                json.getBytes(StandardCharsets.UTF_8), Map.of(), T0));
        return ((DecodeResult.Decoded) result).message();
    }

    private static Silence silence(String... matchers) {
        return new Silence(1, SubjectPattern.compile("alerts.prod.>"), List.of(matchers).stream()
                .map(PayloadMatcher::parse).toList(), T0, T0.plus(Duration.ofHours(1)), "ana@example.com", "drill",
                T0, null);
    }

    @Test
    void aBacktrackingBombIsMatchedInLinearTime() {
        // java.util.regex needs about 18 minutes for this; RE2/J a few milliseconds.
        SilenceBook book = new SilenceBook();
        book.replace(List.of(silence("source=~(a+)+$")));
        AlertMessage hostile = message("{\"source\":\"" + "a".repeat(400_000) + "!\"}");
        AlertMessage matching = message("{\"source\":\"" + "a".repeat(400_000) + "\"}");

        // The preemptive bound only keeps a regression from hanging the build; the assertion is the nanoTime one.
        long elapsed = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            long start = System.nanoTime();
            Optional<Silence> none = book.find(hostile, T0.plusSeconds(1));
            Optional<Silence> one = book.find(matching, T0.plusSeconds(1));
            assertThat(none).isEmpty();
            assertThat(one).isPresent();
            return System.nanoTime() - start;
        });
        assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void eachPatternIsCompiledOnceWhenItsSilenceEntersTheBookNotPerMessageNorPerReplace() {
        CountingCompiler compiler = new CountingCompiler();
        SilenceBook book = new SilenceBook(new RegexCache(RegexCache.DEFAULT_CAPACITY, compiler));
        Silence silence = silence("source=~db-.*", "severity=warning");

        for (int i = 0; i < 5; i++) {
            book.replace(List.of(silence));
        }
        assertThat(compiler.compiled).containsExactly("db-.*");
        for (int i = 0; i < 100; i++) {
            assertThat(book.find(message("{\"source\":\"db-" + i + "\",\"severity\":\"warn\"}"), T0)).isPresent();
        }
        assertThat(compiler.compiled).containsExactly("db-.*");
    }

    @Test
    void aStoredPatternThatNoLongerCompilesMatchesNothingSoItsAlertsStillPage() {
        // written by an older Klaxon that took Java regex syntax: read back without compiling, then refused quietly
        Silence legacy = new Silence(2, SubjectPattern.compile("alerts.prod.>"),
                List.of(PayloadMatcher.stored("source=~(db)-\\1")), T0, T0.plus(Duration.ofHours(1)), "ana", "old",
                T0, null);
        SilenceBook book = new SilenceBook();
        book.replace(List.of(legacy));

        assertThat(book.find(message("{\"source\":\"db-db\"}"), T0)).isEmpty();
    }
}
