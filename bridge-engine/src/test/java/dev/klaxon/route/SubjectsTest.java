package dev.klaxon.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectsTest {

    @ParameterizedTest
    @ValueSource(strings = {"alerts", "alerts.prod.db", "alerts.prod.データベース", "a-b_c.D:E/F.🔥", "alerts.prod*"})
    void ordinarySubjectsHaveNoProblem(String subject) {
        assertThat(Subjects.problem(subject)).isEmpty();
    }

    @Test
    void emptySubject() {
        assertThat(Subjects.problem("")).contains("subject is empty");
        assertThat(Subjects.problem(null)).contains("subject is empty");
    }

    @Test
    void lengthLimitIs512Characters() {
        assertThat(Subjects.problem("a".repeat(512))).isEmpty();
        assertThat(Subjects.problem("a".repeat(513))).contains("subject is 513 characters long; the limit is 512");
        assertThat(Subjects.problem("a".repeat(700))).contains("subject is 700 characters long; the limit is 512");
    }

    @Test
    void tokenLimitIs32() {
        String thirtyTwo = String.join(".", Collections.nCopies(32, "t"));
        String forty = String.join(".", Collections.nCopies(40, "t"));
        assertThat(Subjects.problem(thirtyTwo)).isEmpty();
        assertThat(Subjects.problem(thirtyTwo + ".t")).contains("subject has 33 tokens; the limit is 32");
        assertThat(Subjects.problem(forty)).contains("subject has 40 tokens; the limit is 32");
    }

    @Test
    void emptyTokensAreNamedByIndex() {
        assertThat(Subjects.problem("alerts..db")).contains("subject \"alerts..db\" has an empty token (token 1)");
        assertThat(Subjects.problem(".alerts")).contains("subject \".alerts\" has an empty token (token 0)");
        assertThat(Subjects.problem("alerts.")).contains("subject \"alerts.\" has an empty token (token 1)");
        assertThat(Subjects.problem(".")).contains("subject \".\" has an empty token (token 0)");
    }

    @Test
    void whitespaceAndControlCharactersAreNamedNotEchoed() {
        assertThat(Subjects.problem("alerts.prod db"))
                .contains("subject contains whitespace U+0020 at position 11: \"alerts.prod db\"");
        assertThat(Subjects.problem("alerts.\u001b[31mred"))
                .contains("subject contains control character U+001B at position 7: \"alerts.\\u001B[31mred\"");
        assertThat(Subjects.problem("alerts\n")).get().asString().doesNotContain("\n").contains("U+000A");
        assertThat(Subjects.problem("alerts.\u3000x")).get().asString().contains("whitespace U+3000");
    }

    @Test
    void wildcardTokensAreRefused() {
        assertThat(Subjects.problem("alerts.*")).contains("subject \"alerts.*\" contains the wildcard token \"*\"; "
                + "wildcards belong in subscriptions, not in published subjects");
        assertThat(Subjects.problem(">")).get().asString().contains("contains the wildcard token \">\"");
        assertThat(Subjects.problem("a.*.b")).get().asString().contains("contains the wildcard token \"*\"");
    }
}
