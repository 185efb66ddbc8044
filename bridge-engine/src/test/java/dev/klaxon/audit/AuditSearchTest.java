package dev.klaxon.audit;

import static dev.klaxon.audit.AuditFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.testing.MutableClock;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSearchTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private AuditLog audit;

    @BeforeEach
    void fill() throws Exception {
        audit = AuditLog.open(dir.resolve("audit.db"), clock);
        audit.recordForwarded(AuditFixtures.delivered(T0, "alerts.prod.db", "db-1"));
        audit.recordForwarded(AuditFixtures.delivered(T0.plusSeconds(10), "alerts.prod.api.eu", "api-1"));
        audit.recordForwarded(AuditFixtures.shadowed(T0.plusSeconds(20), "alerts.staging.db"));
        audit.recordForwarded(AuditFixtures.delivered(T0.plusSeconds(30), "metrics.prod.db", "m-1"));
        audit.recordAction(OperatorAction.succeeded(T0.plusSeconds(40), "alice", "incident.acknowledge", "P100%_x"));
        audit.recordConfigLoad(Path.of("/etc/klaxon.yaml"), "ab", true, null);
        audit.flush().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void everythingNewestFirst() {
        assertThat(audit.search(AuditQuery.all())).extracting(AuditRow::kind, AuditRow::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AuditKind.ACTION, T0.plusSeconds(40)),
                        org.assertj.core.groups.Tuple.tuple(AuditKind.FORWARDED, T0.plusSeconds(30)),
                        org.assertj.core.groups.Tuple.tuple(AuditKind.FORWARDED, T0.plusSeconds(20)),
                        org.assertj.core.groups.Tuple.tuple(AuditKind.FORWARDED, T0.plusSeconds(10)),
                        org.assertj.core.groups.Tuple.tuple(AuditKind.CONFIG, T0),
                        org.assertj.core.groups.Tuple.tuple(AuditKind.FORWARDED, T0));
    }

    @Test
    void subjectFilterUsesNatsWildcards() {
        assertThat(subjects(AuditQuery.all().subject("alerts.*.db"))).containsExactly("alerts.staging.db",
                "alerts.prod.db");
        assertThat(subjects(AuditQuery.all().subject("alerts.prod.>"))).containsExactly("alerts.prod.api.eu",
                "alerts.prod.db");
        assertThat(subjects(AuditQuery.all().subject("*.prod.db"))).containsExactly("metrics.prod.db",
                "alerts.prod.db");
        assertThat(subjects(AuditQuery.all().subject("alerts.prod.db"))).containsExactly("alerts.prod.db");
        assertThat(subjects(AuditQuery.all().subject(">"))).hasSize(4); // actions and config have no subject
    }

    @Test
    void limitCountsMatchesAfterTheSubjectFilter() {
        assertThat(subjects(AuditQuery.all().subject("*.*.db").limit(2))).containsExactly("metrics.prod.db",
                "alerts.staging.db");
        assertThat(audit.search(AuditQuery.all().limit(1))).extracting(AuditRow::kind)
                .containsExactly(AuditKind.ACTION);
    }

    @Test
    void timeRangeIsSinceInclusiveUntilExclusive() {
        assertThat(audit.search(AuditQuery.all().since(T0.plusSeconds(10)).until(T0.plusSeconds(30))))
                .extracting(AuditRow::subject).containsExactly("alerts.staging.db", "alerts.prod.api.eu");
    }

    @Test
    void freeTextIsACaseInsensitiveLiteralSubstring() {
        assertThat(audit.search(AuditQuery.all().text("API-1"))).extracting(AuditRow::dedupKey)
                .containsExactly("api-1");
        assertThat(audit.search(AuditQuery.all().text("disk full"))).hasSize(3); // in the bodies
        assertThat(audit.search(AuditQuery.all().text("alice"))).extracting(AuditRow::kind)
                .containsExactly(AuditKind.ACTION);
        // LIKE wildcards in the text are matched literally.
        assertThat(audit.search(AuditQuery.all().text("100%_"))).hasSize(1);
        assertThat(audit.search(AuditQuery.all().text("1_0"))).isEmpty();
        assertThat(audit.search(AuditQuery.all().text("klaxon.yaml"))).extracting(AuditRow::kind)
                .containsExactly(AuditKind.CONFIG);
    }

    @Test
    void kindFilterSelectsTables() {
        assertThat(audit.search(AuditQuery.all().kinds(AuditKind.ACTION, AuditKind.CONFIG)))
                .extracting(AuditRow::kind).containsExactly(AuditKind.ACTION, AuditKind.CONFIG);
        // The outer text filter must work whichever kind's branch comes first in the union.
        assertThat(audit.search(AuditQuery.all().kinds(AuditKind.CONFIG).text("klaxon"))).hasSize(1);
    }

    @Test
    void badPatternFailsWhenTheQueryIsBuilt() {
        assertThatThrownBy(() -> AuditQuery.all().subject("alerts.>.db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last token");
    }

    private java.util.List<String> subjects(AuditQuery query) {
        return audit.search(query).stream().map(AuditRow::subject).toList();
    }
}
