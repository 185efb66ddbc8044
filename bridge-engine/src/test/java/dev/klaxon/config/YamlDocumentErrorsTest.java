package dev.klaxon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with the file or the YAML itself, before any key is looked at. */
class YamlDocumentErrorsTest {

    @TempDir
    Path tempDir;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(tempDir);
    }

    @Test
    void duplicateKeyNamesTheKeyAndBothLines() {
        assertThat(fixture.errors("""
                nats:
                  servers: ["nats://a:4222"]
                  subjects: ["alerts.>"]
                  servers: ["nats://b:4222"]
                """)).containsExactly("nats.servers: duplicate key; first given on line 2 (line 4)");
    }

    @Test
    void duplicateSection() {
        assertThat(fixture.errors("""
                routes: []
                guards: {}
                routes: []
                """)).containsExactly("routes: duplicate key; first given on line 1 (line 3)");
    }

    @Test
    void syntaxErrorGivesItsLine() {
        List<String> errors = fixture.errors("""
                nats:
                  servers: ["nats://127.0.0.1:4222"]
                  subjects: ["alerts.>"
                routes: []
                """);

        assertThat(errors).singleElement().asString().startsWith("YAML syntax error: ").endsWith("(line 4)");
    }

    @Test
    void badIndentationIsASyntaxErrorWithItsLine() {
        assertThat(fixture.errors("""
                nats:
                  servers: ["nats://127.0.0.1:4222"]
                   subjects: ["alerts.>"]
                """)).containsExactly("YAML syntax error: expected <block end>, but found '<block mapping start>' "
                + "(while parsing a block mapping); check the indentation (line 3)");
    }

    @Test
    void unquotedStarIsASyntaxErrorNotASilentAlias() {
        assertThat(fixture.errors("""
                routes:
                  - match: *
                    action: log
                """)).singleElement().asString().startsWith("YAML syntax error: ").endsWith("(line 2)");
    }

    @Test
    void emptyFile() {
        assertThat(fixture.errors("")).containsExactly("the config is empty; expected a mapping with some of the "
                + "sections nats, pagerduty, storage, routes, guards");
    }

    @Test
    void fileWithOnlyComments() {
        assertThat(fixture.errors("""
                # nothing here yet
                """)).containsExactly("the config is empty; expected a mapping with some of the sections nats, "
                + "pagerduty, storage, routes, guards");
    }

    @Test
    void topLevelList() {
        assertThat(fixture.errors("""
                - nats
                - routes
                """)).containsExactly("expected a mapping with some of the sections nats, pagerduty, storage, routes, "
                + "guards at the top level, got a list (line 1)");
    }

    @Test
    void topLevelScalar() {
        assertThat(fixture.errors("""
                klaxon
                """)).containsExactly("expected a mapping with some of the sections nats, pagerduty, storage, routes, "
                + "guards at the top level, got a string (line 1)");
    }

    @Test
    void moreThanOneDocument() {
        assertThat(fixture.errors("""
                routes: []
                ---
                routes: []
                """)).singleElement().asString()
                .startsWith("YAML syntax error: ").contains("single document").endsWith("(line 2)");
    }

    @Test
    void javaTypeTagsAreRefused() {
        assertThat(fixture.errors("""
                nats:
                  queue_group: !!java.io.File /etc/passwd
                """)).singleElement().asString().contains("Global tag is not allowed");
    }

    @Test
    void nonStandardTagsAreRefusedAsWrongTypes() {
        assertThat(fixture.errors("""
                nats:
                  queue_group: !secret klaxon
                  subjects: !!set { "alerts.>" }
                """)).containsExactly(
                "nats.queue_group: expected a string, got a value tagged !secret (line 2)",
                "nats.subjects: expected a list of strings, got a value tagged !!set (line 3)");
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("a").append(level).append(": &a").append(level).append(" [");
            for (int copy = 0; copy < 10; copy++) {
                yaml.append(copy == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }

        assertThat(fixture.errors(yaml.toString())).singleElement().asString()
                .contains("Number of aliases for non-scalar nodes exceeds the specified max");
    }

    @Test
    void aliasesToOneLargeStringAreRefusedAtTheAliasThatCrossesTheLimit() {
        // The file had 5,000 aliases to a 100 KB string: 115 KB on disk, 500 MB once printed or audited.
        StringBuilder yaml = new StringBuilder("nats:\n  queue_group: &big \"" + "a".repeat(100 * 1024) + "\"\n"
                + "  subjects:\n");
        for (int copy = 0; copy < 50; copy++) {
            yaml.append("    - *big\n");
        }

        // The anchor and each alias count 100 KB and a bit: the tenth alias, on line 13, passes 1 MiB.
        assertThat(fixture.errors(yaml.toString())).containsExactly("the aliases (*name) in the config make it "
                + "larger than 1048576 characters once expanded; a Klaxon config needs a handful of short ones "
                + "(line 13)");
    }

    @Test
    void aliasesToACollectionOfLargeStringsCountWhatTheyExpandTo() {
        String big = "\"" + "b".repeat(200 * 1024) + "\"";
        String yaml = "nats:\n  subjects: &list [" + big + ", " + big + "]\n"   // 400 KB
                + "routes:\n"
                + "  - match: *list\n"                                         // 800 KB
                + "  - match: *list\n";                                        // 1.2 MB: over, line 5

        assertThat(fixture.errors(yaml)).singleElement().asString()
                .startsWith("the aliases (*name) in the config make it larger than").endsWith("(line 5)");
    }

    @Test
    void aFewShortAliasesStillWork() throws Exception {
        KlaxonConfig config = fixture.parse("""
                nats:
                  subjects: &prod ["alerts.prod.>"]
                routes:
                  - match: &db "alerts.prod.db.>"
                    action: drop
                  - match: *db
                    action: drop
                """);

        assertThat(config.nats().subjects()).containsExactly("alerts.prod.>");
        assertThat(config.routes()).hasSize(2);
    }

    @Test
    void textOverOneMegabyteIsRefused() {
        String big = "# " + "x".repeat(1024 * 1024) + "\nroutes: []\n";

        assertThat(fixture.errors(big)).containsExactly("the config is larger than 1 MB; a Klaxon config is a few KB");
    }

    @Test
    void fileOverOneMegabyteIsRefusedBeforeReading() throws Exception {
        Path file = fixture.writeInConfigDir("huge.yaml", "# " + "x".repeat(1024 * 1024) + "\n");

        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> fixture.loader.load(file));

        assertThat(refused.errors()).singleElement().extracting(ConfigError::message).asString()
                .isEqualTo("the file is larger than 1 MB (" + Files.size(file) + " bytes); a Klaxon config is a "
                        + "few KB");
    }

    @Test
    void missingFile() {
        Path missing = fixture.configDir.resolve("nope.yaml");

        assertThatThrownBy(() -> fixture.loader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ":\n  file not found");
    }

    @Test
    void fileThatIsNotUtf8() throws Exception {
        Path file = fixture.configDir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'s', 't', 'o', 'r', 'a', 'g', 'e', ':', ' ', '{', 'd', 'i', 'r', ':', ' ',
            (byte) 0xE9, '}', '\n'});

        assertThatThrownBy(() -> fixture.loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":\n  file is not valid UTF-8 text");
    }

    @Test
    void exceptionMessageIsTheFileThenOneErrorPerLine() {
        Path file = fixture.writeInConfigDir("klaxon.yaml", """
                nats:
                  sevrers: []
                guards:
                  dedup_window: soon
                """);

        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> fixture.loader.load(file));

        assertThat(refused.source()).isEqualTo(file);
        assertThat(refused.getMessage()).isEqualTo(file + ":\n"
                + "  nats.sevrers: unknown key; did you mean \"servers\"? (line 2)\n"
                + "  guards.dedup_window: expected a duration such as 5m (units ms, s, m, h, d), got \"soon\" "
                + "(line 4)");
    }

    @Test
    void inlineConfigWithoutAFileIsNamedConfig() {
        ConfigException refused = catchThrowableOfType(ConfigException.class,
                () -> fixture.loader.parse("routes: 3\n", null));

        assertThat(refused.source()).isNull();
        assertThat(refused.getMessage())
                .isEqualTo("config:\n  routes: expected a list of rules, got a number (line 1)");
    }
}
