package dev.klaxon.route;

import static dev.klaxon.route.MessageFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.message.AlertMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DedupKeyTemplateTest {

    private static DedupKeyTemplate.Expansion expand(String template, AlertMessage message) {
        return DedupKeyTemplate.compile(template).expansion(message);
    }

    @Nested
    class Expanding {
        private final AlertMessage db = message("alerts.prod.db", """
                {"summary":"disk full","source":"db-1","component":"postgres","group":"eu","class":"disk",
                 "host":"db-1.eu","retries":3,"ok":false,"ratio":0.5,"tags":["a","b"],
                 "custom_details":{"disk":{"mount":"/var","free":0},"owners":["ann","bob"]}}""");

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(delimiter = '|', value = {
                "{subject}                         | alerts.prod.db",
                "{subject}/{source}                | alerts.prod.db/db-1",
                "{token[0]}-{token[1]}-{token[2]}  | alerts-prod-db",
                "{component}:{group}:{class}       | postgres:eu:disk",
                "{host}                            | db-1.eu",
                "{custom_details.disk.mount}       | /var",
                "{custom_details.disk.free}        | 0",
                "{custom_details.owners.1}         | bob",
                "{retries}/{ok}/{ratio}            | 3/false/0.5",
                "static-key                        | static-key",
                "{{literal}} {subject}             | {literal} alerts.prod.db",
                "a}}b{{c                           | a}b{c",
        })
        void placeholdersTakeTheirValues(String template, String expected) {
            DedupKeyTemplate.Expansion expansion = expand(template, db);
            assertThat(expansion.value()).isEqualTo(expected);
            assertThat(expansion.missing()).isEmpty();
        }

        @Test
        void objectsAndArraysRenderAsCompactJson() {
            assertThat(expand("{custom_details.disk}", db).value()).isEqualTo("{\"mount\":\"/var\",\"free\":0}");
            assertThat(expand("{tags}", db).value()).isEqualTo("[\"a\",\"b\"]");
        }

        @Test
        void convenienceExpandReturnsTheValue() {
            assertThat(DedupKeyTemplate.compile("{subject}|{source}").expand(db)).isEqualTo("alerts.prod.db|db-1");
        }

        @Test
        void wellKnownFieldsFallBackToTheDecodedMessage() {
            AlertMessage built = MessageFixture.recordOnly("alerts.x", "host-9", "nginx");
            DedupKeyTemplate.Expansion expansion = expand("{source}/{component}/{severity}", built);
            assertThat(expansion.value()).isEqualTo("host-9/nginx/info");
            assertThat(expansion.missing()).isEmpty();
        }

        @Test
        void payloadValueWinsOverTheDecodedValue() {
            // The payload is what the publisher sent; the template reads it as sent ("fatal", not "critical").
            AlertMessage message = message("a.b", "{\"severity\":\"fatal\"}");
            assertThat(expand("{severity}", message).value()).isEqualTo("fatal");
        }

        @Test
        void compiledTemplateIsReusableAcrossMessages() {
            DedupKeyTemplate template = DedupKeyTemplate.compile("{token[1]}/{source}");
            assertThat(template.expand(message("a.one", "{\"source\":\"x\"}"))).isEqualTo("one/x");
            assertThat(template.expand(message("a.two", "{\"source\":\"y\"}"))).isEqualTo("two/y");
            assertThat(template.text()).isEqualTo("{token[1]}/{source}");
        }
    }

    @Nested
    class Missing {

        @Test
        void missingFieldsExpandToNothingAndAreReported() {
            AlertMessage message = message("alerts.prod.db", "{\"summary\":\"x\"}");
            DedupKeyTemplate.Expansion expansion = expand("{subject}/{source}/{custom_details.a.b}", message);
            assertThat(expansion.value()).isEqualTo("alerts.prod.db//");
            assertThat(expansion.missing()).containsExactly(
                    "{source}: not in the message", "{custom_details.a.b}: not in the message");
        }

        @Test
        void nullAndEmptyValuesAreReported() {
            AlertMessage message = message("a.b", "{\"source\":null,\"component\":\"\",\"custom_details\":{\"a\":1}}");
            DedupKeyTemplate.Expansion expansion = expand("{source}|{component}|{custom_details.a.b}", message);
            assertThat(expansion.value()).isEqualTo("||");
            assertThat(expansion.missing()).containsExactly("{source}: not in the message",
                    "{component}: empty in the message", "{custom_details.a.b}: not in the message");
        }

        @Test
        void outOfRangeTokenExpandsToNothingWithANote() {
            DedupKeyTemplate.Expansion expansion = expand("{token[0]}.{token[5]}", message("alerts.prod", "{}"));
            assertThat(expansion.value()).isEqualTo("alerts.");
            assertThat(expansion.missing()).containsExactly("{token[5]}: subject \"alerts.prod\" has only 2 tokens");

            assertThat(expand("{token[1]}", message("alerts", "{}")).missing())
                    .containsExactly("{token[1]}: subject \"alerts\" has only 1 token");
        }
    }

    @Nested
    class Injection {

        @ParameterizedTest(name = "source {0} stays literal")
        @CsvSource(delimiter = '|', value = {
                "{subject}",
                "{token[0]}",
                "{{",
                "}}",
                "{custom_details.secret}",
                "{",
                "}{}{{}}",
        })
        void payloadValuesAreNeverReExpanded(String hostile) {
            AlertMessage message = message("alerts.prod.db",
                    MessageFixture.MAPPER.createObjectNode().put("source", hostile)
                            .set("custom_details", MessageFixture.json("{\"secret\":\"s3cr3t\"}")).toString());
            DedupKeyTemplate.Expansion expansion = expand("key:{source}:end", message);
            assertThat(expansion.value()).isEqualTo("key:" + hostile + ":end");
            assertThat(expansion.missing()).isEmpty();
        }

        @Test
        void subjectTokensContainingBracesStayLiteral() {
            AlertMessage message = message("alerts.{source}.}}", "{\"source\":\"db\"}");
            assertThat(expand("{token[1]}/{token[2]}/{subject}", message).value())
                    .isEqualTo("{source}/}}/alerts.{source}.}}");
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "a{}b              | empty placeholder \"{}\" at position 1 in template \"a{}b\"",
                "{token[x]}        | bad token index in placeholder \"{token[x]}\" at position 0 in template "
                        + "\"{token[x]}\"; expected a number, as in {token[0]}",
                "x{token[]}        | bad token index in placeholder \"{token[]}\" at position 1 in template "
                        + "\"x{token[]}\"; expected a number, as in {token[0]}",
                "{token[-1]}       | bad token index in placeholder \"{token[-1]}\" at position 0 in template "
                        + "\"{token[-1]}\"; expected a number, as in {token[0]}",
                "{token[1}         | bad token index in placeholder \"{token[1}\" at position 0 in template "
                        + "\"{token[1}\"; expected a number, as in {token[0]}",
                "{token[32]}       | token index 32 in placeholder \"{token[32]}\" at position 0 is out of range "
                        + "in template \"{token[32]}\"; subjects have at most 32 tokens (indexes 0 to 31)",
                "{token[99999999999]} | token index 99999999999 in placeholder \"{token[99999999999]}\" at position "
                        + "0 is out of range in template \"{token[99999999999]}\"; subjects have at most 32 tokens "
                        + "(indexes 0 to 31)",
                "ab{subject        | unclosed \"{\" at position 2 in template \"ab{subject\"; "
                        + "write \"{{\" for a literal brace",
                "{a{b}             | unclosed \"{\" at position 0 in template \"{a{b}\"; write \"{{\" for a literal brace",
                "a}b               | unmatched \"}\" at position 1 in template \"a}b\"; write \"}}\" for a literal brace",
                "{custom_details.} | empty field name in placeholder \"{custom_details.}\" at position 0 in template "
                        + "\"{custom_details.}\"",
                "{a..b}            | empty field name in placeholder \"{a..b}\" at position 0 in template \"{a..b}\"",
                "x{a-b.c[0]}       | unexpected character \"[\" at position 7 in placeholder \"{a-b.c[0]}\" in template "
                        + "\"x{a-b.c[0]}\"; field names use letters, digits, \"_\" and \"-\"",
                "k/{ source}       | unexpected character U+0020 at position 3 in placeholder \"{ source}\" in template "
                        + "\"k/{ source}\"; field names use letters, digits, \"_\" and \"-\"",
                "{subject.x}       | {subject} has no fields, so placeholder \"{subject.x}\" at position 0 is not "
                        + "allowed in template \"{subject.x}\"",
        })
        void badSyntaxIsRefusedNamingProblemAndPosition(String template, String message) {
            assertThatThrownBy(() -> DedupKeyTemplate.compile(template))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void emptyTemplate() {
            assertThatThrownBy(() -> DedupKeyTemplate.compile("")).hasMessage("empty template");
        }
    }
}
