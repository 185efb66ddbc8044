package dev.klaxon.app.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectFilterTest {

    @Test
    void emptyTextShowsEverything() {
        assertThat(SubjectFilter.parse("  ").mode()).isEqualTo(SubjectFilter.Mode.ALL);
        assertThat(SubjectFilter.parse(null).test("anything")).isTrue();
    }

    @Test
    void textWithoutWildcardsIsACaseInsensitiveSubstring() {
        SubjectFilter filter = SubjectFilter.parse("DB.Primary");
        assertThat(filter.mode()).isEqualTo(SubjectFilter.Mode.TEXT);
        assertThat(filter.test("alerts.prod.db.primary")).isTrue();
        assertThat(filter.test("alerts.prod.db.replica")).isFalse();
    }

    @Test
    void wildcardsFollowNatsTokenRules() {
        SubjectFilter rest = SubjectFilter.parse("alerts.prod.>");
        assertThat(rest.mode()).isEqualTo(SubjectFilter.Mode.WILDCARD);
        assertThat(rest.test("alerts.prod.db.primary")).isTrue();
        assertThat(rest.test("alerts.prod")).isFalse(); // > needs at least one more token
        assertThat(rest.test("alerts.production.db")).isFalse();

        SubjectFilter middle = SubjectFilter.parse("*.staging.*");
        assertThat(middle.test("alerts.staging.api")).isTrue();
        assertThat(middle.test("alerts.staging.api.v2")).isFalse();
    }

    @Test
    void anInvalidWildcardSaysWhyAndFallsBackToText() {
        SubjectFilter filter = SubjectFilter.parse("alerts.pr*");
        assertThat(filter.mode()).isEqualTo(SubjectFilter.Mode.INVALID_WILDCARD);
        assertThat(filter.problem()).contains("whole token");
        assertThat(filter.explanation()).contains("matching it as plain text");
        assertThat(filter.test("alerts.pr*")).isTrue();
        assertThat(filter.test("alerts.prod")).isFalse();
    }
}
