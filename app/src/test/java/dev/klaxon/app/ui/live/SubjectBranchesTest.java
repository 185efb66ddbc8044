package dev.klaxon.app.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.decision.Outcome;
import dev.klaxon.guard.FloodStatus;
import dev.klaxon.stats.LiveStats;
import dev.klaxon.stats.SubjectSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubjectBranchesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T14:00:00Z");

    private static SubjectSnapshot subject(String name, long forwarded, long logged, double rate1s, double rate1m,
                                           int secondsAfter) {
        return new SubjectSnapshot(name, forwarded + logged, Map.of(Outcome.FORWARDED, forwarded, Outcome.LOGGED,
                logged), rate1s, rate1m, T0.plusSeconds(secondsAfter), "{}");
    }

    private static SubjectBranch find(List<SubjectBranch> branches, String path) {
        for (SubjectBranch branch : branches) {
            if (branch.path().equals(path)) {
                return branch;
            }
            if (path.startsWith(branch.path() + ".")) {
                return find(branch.children(), path);
            }
        }
        throw new AssertionError("no node " + path);
    }

    private static final List<SubjectSnapshot> SUBJECTS = List.of(
            subject("alerts.prod.db", 10, 0, 2.0, 1.5, 5),
            subject("alerts.prod.api", 3, 1, 0.5, 0.25, 9),
            subject("alerts.staging.db", 0, 7, 1.0, 3.0, 1),
            subject("metrics.cpu", 0, 100, 10.0, 10.0, 2));

    @Test
    void tokensBecomeBranchesAndEachBranchSumsItsSubtree() {
        List<SubjectBranch> top = SubjectBranches.build(SUBJECTS, List.of(), s -> true);

        assertThat(top).extracting(SubjectBranch::path).containsExactly("metrics", "alerts"); // busiest first
        SubjectBranch alerts = find(top, "alerts");
        assertThat(alerts.subject()).isNull(); // a prefix, not a subject
        assertThat(alerts.subjects()).isEqualTo(3);
        assertThat(alerts.total()).isEqualTo(21);
        assertThat(alerts.rate1s()).isEqualTo(3.5);
        assertThat(alerts.rate1m()).isEqualTo(4.75);
        assertThat(alerts.lastSeen()).isEqualTo(T0.plusSeconds(9));
        assertThat(alerts.byOutcome()).containsEntry(Outcome.FORWARDED, 13L).containsEntry(Outcome.LOGGED, 8L);
        // staging (3.0/s over the minute) before prod (1.75/s).
        assertThat(alerts.children()).extracting(SubjectBranch::label).containsExactly("staging", "prod");

        SubjectBranch prod = find(top, "alerts.prod");
        assertThat(prod.total()).isEqualTo(14);
        assertThat(prod.rate1m()).isEqualTo(1.75);
        assertThat(prod.children()).extracting(SubjectBranch::label).containsExactly("db", "api");
        SubjectBranch db = find(top, "alerts.prod.db");
        assertThat(db.subject()).isEqualTo("alerts.prod.db");
        assertThat(db.children()).isEmpty();
        assertThat(db.total()).isEqualTo(10);
        assertThat(db.subjects()).isEqualTo(1);
    }

    @Test
    void aSubjectThatIsAlsoAPrefixCountsItselfAndItsChildren() {
        List<SubjectBranch> top = SubjectBranches.build(List.of(subject("alerts.prod", 5, 0, 1, 1, 0),
                subject("alerts.prod.db", 2, 0, 1, 1, 0)), List.of(), s -> true);
        SubjectBranch prod = find(top, "alerts.prod");
        assertThat(prod.subject()).isEqualTo("alerts.prod");
        assertThat(prod.total()).isEqualTo(7);
        assertThat(prod.subjects()).isEqualTo(2);
        assertThat(prod.children()).extracting(SubjectBranch::path).containsExactly("alerts.prod.db");
    }

    @Test
    void theEnginesBucketsStayWholeAtTheBottomOfTheTopLevel() {
        List<SubjectSnapshot> withBuckets = List.of(
                subject(LiveStats.OTHER_SUBJECTS, 0, 500, 50.0, 50.0, 0),
                subject("alerts.prod.db", 1, 0, 0.1, 0.1, 0),
                subject(LiveStats.INVALID_SUBJECTS, 0, 2, 0, 0, 0));
        List<SubjectBranch> top = SubjectBranches.build(withBuckets, List.of(), s -> true);

        // The bucket is the busiest, yet its tokens are unknown: not split, not summed into a branch, last.
        assertThat(top).extracting(SubjectBranch::path)
                .containsExactly("alerts", LiveStats.OTHER_SUBJECTS, LiveStats.INVALID_SUBJECTS);
        SubjectBranch other = find(top, LiveStats.OTHER_SUBJECTS);
        assertThat(other.bucket()).isTrue();
        assertThat(other.subject()).isEqualTo(LiveStats.OTHER_SUBJECTS); // its tail can be followed
        assertThat(other.children()).isEmpty();
        assertThat(other.total()).isEqualTo(500);
        assertThat(find(top, "alerts").total()).isEqualTo(1);
        assertThat(find(top, "alerts").bucket()).isFalse();
    }

    @Test
    void theFilterDecidesWhichSubjectsAreSummed() {
        List<SubjectBranch> top = SubjectBranches.build(SUBJECTS, List.of(),
                SubjectFilter.parse("alerts.*.db"));
        assertThat(top).extracting(SubjectBranch::path).containsExactly("alerts");
        SubjectBranch alerts = find(top, "alerts");
        assertThat(alerts.subjects()).isEqualTo(2);
        assertThat(alerts.total()).isEqualTo(17);
        assertThat(find(top, "alerts.prod").children()).extracting(SubjectBranch::label).containsExactly("db");
    }

    @Test
    void floodsAreCountedUpTheTree() {
        List<SubjectBranch> top = SubjectBranches.build(SUBJECTS, List.of(
                new FloodStatus("alerts.prod.db", T0, 40), new FloodStatus("alerts.staging.db", T0, 2),
                new FloodStatus("routing key env:PD_PROD", T0, 99)), s -> true);
        SubjectBranch alerts = find(top, "alerts");
        assertThat(alerts.flooding()).isEqualTo(2);
        assertThat(alerts.held()).isEqualTo(42);
        assertThat(find(top, "alerts.prod.api").flooding()).isZero();
        assertThat(find(top, "metrics").held()).isZero();
    }

    @Test
    void deepSubjectsStopSplittingAtTheDepthLimit() {
        String deep = "a.b.c.d.e.f.g.h.i.j";
        List<SubjectBranch> top = SubjectBranches.build(List.of(subject(deep, 1, 0, 1, 1, 0)), List.of(),
                s -> true);
        SubjectBranch node = top.get(0);
        int depth = 1;
        while (!node.children().isEmpty()) {
            node = node.children().get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(SubjectBranches.MAX_DEPTH);
        assertThat(node.label()).isEqualTo("h.i.j");
        assertThat(node.path()).isEqualTo(deep);
        assertThat(node.subject()).isEqualTo(deep);
    }
}
