package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh every few seconds, against a real silences file: what it compiles, and how often. */
class SilencesRefreshTest {
    private static final Instant T0 = Instant.parse("2026-11-29T03:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final CountingCompiler compiler = new CountingCompiler();

    private SilenceRequest request(String pattern, Duration length, String matcher) {
        return SilenceRequest.of(pattern, length, "drill").withMatchers(List.of(PayloadMatcher.parse(matcher)));
    }

    @Test
    void endedSilencesAreNeverCompiledAndSilencesInForceOnlyOnce() throws Exception {
        SilenceBook book = new SilenceBook(new RegexCache(RegexCache.DEFAULT_CAPACITY, compiler));
        Path file = dir.resolve("silences.db");
        try (Silences silences = new Silences(SilenceStore.open(file), book, clock)) {
            silences.add(request("alerts.prod.db.>", Duration.ofMinutes(5), "source=~ended-(a|b)+"), "ana");
            silences.add(request("alerts.prod.api.>", Duration.ofMinutes(30), "source=~expired-.*"), "ana");
            silences.add(request("alerts.prod.>", Duration.ofHours(2), "source=~in-force-.*"), "ana");
            silences.expire(2, SilenceStorage.ANY_REVISION, "ana");
            // An old silence whose pattern does not even compile: reading it must not try.
            insertEndedSilence(file, "[\"source=~db-(\"]");
            clock.advance(Duration.ofMinutes(10)); // the first one has ended too

            compiler.compiled.clear();
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofSeconds(2));
                silences.refresh(pattern -> false);
                assertThat(silences.list()).hasSize(4); // what the console's silences view reads every few seconds
            }

            assertThat(compiler.compiled).as("compiled during ten refreshes").isEmpty();
            assertThat(book.current()).extracting(Silence::id).containsExactly(3L);
        }
    }

    private void insertEndedSilence(Path file, String matchersJson) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO silences (pattern, matchers, starts_at, ends_at, created_by, reason, created_at)
                     VALUES ('alerts.prod.>', ?, ?, ?, 'old klaxon', 'long ago', ?)""")) {
            insert.setString(1, matchersJson);
            insert.setLong(2, T0.minus(Duration.ofDays(30)).toEpochMilli());
            insert.setLong(3, T0.minus(Duration.ofDays(29)).toEpochMilli());
            insert.setLong(4, T0.minus(Duration.ofDays(30)).toEpochMilli());
            insert.executeUpdate();
        }
    }

    @Test
    void aSilenceEndingDropsItsCompiledPatternAndANewOneIsCompiledOnceAtOnce() {
        RegexCache regexes = new RegexCache(RegexCache.DEFAULT_CAPACITY, compiler);
        SilenceBook book = new SilenceBook(regexes);
        try (Silences silences = new Silences(SilenceStore.open(dir.resolve("silences.db")), book, clock)) {
            silences.add(request("alerts.prod.>", Duration.ofMinutes(1), "source=~short-.*"), "ana");
            silences.refresh(pattern -> false);
            clock.advance(Duration.ofMinutes(2));
            silences.refresh(pattern -> false);
            assertThat(regexes.size()).isZero();

            silences.add(request("alerts.prod.>", Duration.ofHours(1), "source=~long-.*"), "ana");
            for (int i = 0; i < 5; i++) {
                silences.refresh(pattern -> false);
            }
            assertThat(compiler.compiled).containsExactly("short-.*", "long-.*");
        }
    }
}
