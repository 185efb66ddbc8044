package dev.klaxon.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectPatternTest {

    private static boolean matches(String pattern, String subject) {
        return SubjectPattern.compile(pattern).matches(subject);
    }

    @Nested
    class Matching {

        @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
        @CsvSource(delimiter = '|', value = {
                // > alone: any subject with at least one token
                ">            | alerts                   | true",
                ">            | a.b.c.d.e                | true",
                ">            | ''                       | false",
                // * at the end: exactly one more token
                "alerts.*     | alerts.prod              | true",
                "alerts.*     | alerts                   | false",
                "alerts.*     | alerts.prod.db           | false",
                // *.* : exactly two tokens
                "*.*          | alerts                   | false",
                "*.*          | alerts.prod              | true",
                "*.*          | alerts.prod.db           | false",
                // > needs at least one token after the prefix
                "alerts.>     | alerts                   | false",
                "alerts.>     | alerts.prod              | true",
                "alerts.>     | alerts.prod.db.disk      | true",
                "alerts.>     | alertsx.prod             | false",
                "alerts.>     | other.prod               | false",
                // * in the middle
                "alerts.*.db  | alerts.prod.db           | true",
                "alerts.*.db  | alerts.prod.web          | false",
                "alerts.*.db  | alerts.prod.eu.db        | false",
                "*.prod.>     | alerts.prod.db           | true",
                "*.prod.>     | alerts.staging.db        | false",
                "*.>          | alerts                   | false",
                "*.>          | alerts.x                 | true",
                // literal tokens must match whole tokens, not prefixes
                "alerts.prod  | alerts.prod              | true",
                "alerts.prod  | alerts.production        | false",
                "alerts.prod  | alerts.pro               | false",
                "alerts.prod  | alerts.prod.db           | false",
                "alerts.*.db  | alerts.prod.dbx          | false",
                "alerts.*.db  | alerts.prod.d            | false",
                // case-sensitive
                "alerts.prod  | Alerts.prod              | false",
                "alerts.*     | ALERTS.prod              | false",
                "alerts.PROD  | alerts.prod              | false",
        })
        void followsNatsSemantics(String pattern, String subject, boolean expected) {
            assertThat(matches(pattern, subject)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "\"{0}\" never matches a subject with an empty token: \"{1}\"")
        @CsvSource(delimiter = '|', value = {
                ">           | .alerts",
                ">           | alerts.",
                ">           | alerts..db",
                ">           | .",
                "alerts.>    | alerts..db",
                "alerts.>    | alerts.db.",
                "alerts.>    | alerts.",
                "alerts.*    | alerts.",
                "*.db        | .db",
                "alerts.*.db | alerts..db",
                "*           | ''",
                "*.*         | alerts.",
        })
        void emptyTokensInTheSubjectNeverMatchWildcards(String pattern, String subject) {
            assertThat(matches(pattern, subject)).isFalse();
        }

        @Test
        void unicodeTokensAreOrdinaryTokens() {
            assertThat(matches("alerts.prod.データベース", "alerts.prod.データベース")).isTrue();
            assertThat(matches("alerts.*.データベース", "alerts.prod.データベース")).isTrue();
            assertThat(matches("alerts.prod.*", "alerts.prod.データベース")).isTrue();
            assertThat(matches("alerts.データ.>", "alerts.データ.ベース.📟")).isTrue();
            assertThat(matches("alerts.prod.データ", "alerts.prod.データベース")).isFalse();
            assertThat(matches("*.*", "🔥.📟")).isTrue();
            assertThat(matches("*", "🔥.📟")).isFalse();
        }

        @Test
        void literalPatternMatchesOnlyTheIdenticalSubject() {
            SubjectPattern pattern = SubjectPattern.compile("alerts.prod.db");
            assertThat(pattern.isLiteral()).isTrue();
            assertThat(pattern.matches("alerts.prod.db")).isTrue();
            assertThat(pattern.matches("alerts.prod.db.")).isFalse();
            assertThat(pattern.matches("alerts.prod")).isFalse();
            assertThat(pattern.matches(null)).isFalse();
            assertThat(SubjectPattern.compile("alerts.*").isLiteral()).isFalse();
            assertThat(SubjectPattern.compile(">").isLiteral()).isFalse();
        }

        @Test
        void nullSubjectNeverMatchesAWildcard() {
            assertThat(matches(">", null)).isFalse();
            assertThat(matches("*", null)).isFalse();
        }

        @Test
        void textIsThePatternAsWritten() {
            assertThat(SubjectPattern.compile("alerts.*.db").text()).isEqualTo("alerts.*.db");
            assertThat(SubjectPattern.compile("a.>")).isEqualTo(SubjectPattern.compile("a.>"));
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource(delimiter = '|', value = {
                "alerts..db     | empty token in \"alerts..db\"",
                ".alerts        | empty token in \".alerts\"",
                "alerts.        | empty token in \"alerts.\"",
                ".              | empty token in \".\"",
                "alerts.>.db    | \">\" must be the last token in \"alerts.>.db\"",
                ">.>            | \">\" must be the last token in \">.>\"",
                "alerts.prod*   | wildcard \"*\" must be a whole token in \"alerts.prod*\"",
                "alerts.*prod   | wildcard \"*\" must be a whole token in \"alerts.*prod\"",
                "alerts.**      | wildcard \"*\" must be a whole token in \"alerts.**\"",
                "alerts.>>      | wildcard \">\" must be a whole token in \"alerts.>>\"",
                "alerts.a>      | wildcard \">\" must be a whole token in \"alerts.a>\"",
        })
        void malformedPatternsAreRefusedWithAPreciseMessage(String pattern, String message) {
            assertThatThrownBy(() -> SubjectPattern.compile(pattern))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void emptyPattern() {
            assertThatThrownBy(() -> SubjectPattern.compile("")).hasMessage("empty pattern");
            assertThatThrownBy(() -> SubjectPattern.compile(null)).hasMessage("empty pattern");
        }

        @Test
        void whitespaceAndControlCharactersAreRefused() {
            assertThatThrownBy(() -> SubjectPattern.compile("alerts. db"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("whitespace U+0020 at position 7 in \"alerts. db\"; "
                            + "patterns may not contain whitespace or control characters");
            assertThatThrownBy(() -> SubjectPattern.compile("alerts.\tdb"))
                    .hasMessage("control character U+0009 at position 7 in \"alerts.\\u0009db\"; "
                            + "patterns may not contain whitespace or control characters");
            assertThatThrownBy(() -> SubjectPattern.compile("alerts.db\u0000"))
                    .hasMessageStartingWith("control character U+0000 at position 9");
            assertThatThrownBy(() -> SubjectPattern.compile("alerts.\u00a0db"))
                    .hasMessageStartingWith("whitespace U+00A0 at position 7");
        }
    }
}
