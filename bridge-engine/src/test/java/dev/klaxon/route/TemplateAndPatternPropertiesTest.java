package dev.klaxon.route;

import static dev.klaxon.route.MessageFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.message.AlertMessage;
import dev.klaxon.testing.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property-based checks of the two pattern languages operators write (issue 15): dedup_key templates and subject
 * patterns. A template never re-expands text it inserted; anything an operator may type either compiles or is
 * refused as a config error, and a compiled template or pattern never throws on any message.
 */
class TemplateAndPatternPropertiesTest {
    private static final int TRIES = 1000;
    /** Template syntax and the characters a value could use to pass for it. */
    private static final String TEMPLATE_ALPHABET = "{}{}{}[].0123 subjectokn_customdetailsé\\/";
    private static final List<String> TEMPLATE_PIECES = List.of("{subject}", "{token[0]}", "{token[2]}",
            "{token[99]}", "{source}", "{custom_details.x}", "{custom_details.list.1}", "{{", "}}", "{", "}", "/",
            "{summary}", "{severity}", "{links.0.href}", "{.}", "{a..b}", "{token[x]}", "{subject.x}");

    /** A value that looks like template syntax, a quote, a brace, any other character (surrogates left out). */
    private static String hostileValue(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            if (random.nextBoolean()) {
                out.append(TEMPLATE_PIECES.get(random.nextInt(TEMPLATE_PIECES.size())));
            } else {
                char c = (char) random.nextInt(Character.MAX_VALUE + 1);
                out.append(Character.isSurrogate(c) ? '?' : c);
            }
        }
        return out.toString();
    }

    /** A subject such as {@code alerts.{source}.x}: 1 to 5 tokens of letters, digits, braces and non-ASCII. */
    private static String subject(SplittableRandom random) {
        String alphabet = "ab{}z09é☃_-";
        int tokens = 1 + random.nextInt(5);
        List<String> parts = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            StringBuilder token = new StringBuilder();
            int length = 1 + random.nextInt(4);
            for (int i = 0; i < length; i++) {
                token.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            parts.add(token.toString());
        }
        return String.join(".", parts);
    }

    private record Inserted(String subject, String source, String detail) {
    }

    @Test
    void aTemplateNeverReExpandsTheTextItInserts() {
        DedupKeyTemplate template = DedupKeyTemplate.compile("{subject}|{source}|{custom_details.x}|{{lit}}");
        PropertyCheck.of(random -> new Inserted(subject(random), hostileValue(random), hostileValue(random)))
                .forAll(TRIES, inserted -> {
                    ObjectNode payload = MessageFixture.MAPPER.createObjectNode().put("source", inserted.source());
                    payload.putObject("custom_details").put("x", inserted.detail());
                    AlertMessage message = message(inserted.subject(), payload.toString());
                    DedupKeyTemplate.Expansion expansion = template.expansion(message);
                    String expected = inserted.subject() + "|" + inserted.source() + "|" + inserted.detail() + "|{lit}";
                    assertThat(expansion.value()).isEqualTo(expected);
                });
    }

    @Test
    void anyTemplateTextCompilesOrIsAConfigErrorAndNeverThrowsOnAMessage() {
        PropertyCheck.ofStrings(TemplateAndPatternPropertiesTest::templateText).forAll(TRIES, text -> {
            DedupKeyTemplate template;
            try {
                template = DedupKeyTemplate.compile(text);
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                return;
            }
            ObjectNode payload = MessageFixture.MAPPER.createObjectNode().put("source", "{subject}");
            payload.putObject("custom_details").put("x", "}}").putArray("list").add("a").add("b");
            DedupKeyTemplate.Expansion expansion = template.expansion(message("a.b.c", payload.toString()));
            assertThat(expansion.value()).isNotNull();
        });
    }

    /** Mostly template pieces, with stray characters from the template alphabet between them. */
    private static String templateText(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        int pieces = random.nextInt(8);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(3) > 0) {
                out.append(TEMPLATE_PIECES.get(random.nextInt(TEMPLATE_PIECES.size())));
            } else {
                out.append(TEMPLATE_ALPHABET.charAt(random.nextInt(TEMPLATE_ALPHABET.length())));
            }
        }
        return out.toString();
    }

    @Test
    void anyPatternTextCompilesOrIsAConfigErrorAndNeverThrowsOnASubject() {
        String alphabet = "ab.*>.. \t\u0000é";
        PropertyCheck.ofStrings(random -> {
            StringBuilder out = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                out.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return out.toString();
        }).forAll(TRIES, text -> {
            SubjectPattern pattern;
            try {
                pattern = SubjectPattern.compile(text);
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                return;
            }
            for (String subject : List.of("a", "a.b", "a.b.a", "", ".", "a..b", "a.", ".a", text)) {
                pattern.matches(subject);
            }
        });
    }

    @Test
    void aSubjectMatchesItselfOneTokenWildcardsAndItsPrefixes() {
        PropertyCheck.ofStrings(TemplateAndPatternPropertiesTest::subject).forAll(TRIES, subject -> {
            assertThat(SubjectPattern.compile(subject).matches(subject)).isTrue();
            String[] tokens = subject.split("\\.");
            for (int i = 0; i < tokens.length; i++) {
                String[] starred = tokens.clone();
                starred[i] = "*";
                assertThat(SubjectPattern.compile(String.join(".", starred)).matches(subject)).as("token %d", i)
                        .isTrue();
                if (i > 0) {
                    String prefix = String.join(".", java.util.Arrays.copyOf(tokens, i)) + ".>";
                    assertThat(SubjectPattern.compile(prefix).matches(subject)).as(prefix).isTrue();
                }
            }
            assertThat(SubjectPattern.compile(subject + ".>").matches(subject)).as("> needs a token").isFalse();
        });
    }
}
