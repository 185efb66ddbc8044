package dev.klaxon.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepetitionNestingTest {
    @Test
    void nestedCountsMultiplyAndSideBySideCountsDoNot() {
        assertThat(RepetitionNesting.maxProduct("db-.*")).isEqualTo(1);
        assertThat(RepetitionNesting.maxProduct("a{3}b{500}")).isEqualTo(500);
        assertThat(RepetitionNesting.maxProduct("((a{10}){20}){30}")).isEqualTo(6_000);
        assertThat(RepetitionNesting.maxProduct("(?:x{2,40}|y){5,}")).isEqualTo(200);
        assertThat(RepetitionNesting.maxProduct("((a{1000}){1000}){1000}")).isEqualTo(1_000_000_000L);
    }

    @Test
    void bracesInsideClassesEscapesAndQuotedTextAreNotCounts() {
        assertThat(RepetitionNesting.maxProduct("[{9}]{2}")).isEqualTo(2);
        assertThat(RepetitionNesting.maxProduct("\\p{Greek}{3}\\x{263a}")).isEqualTo(3);
        assertThat(RepetitionNesting.maxProduct("\\Q(a{999})\\E{2}")).isEqualTo(2);
        assertThat(RepetitionNesting.maxProduct("a{x}b{")).isEqualTo(1);
    }
}
