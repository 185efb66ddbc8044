package dev.klaxon.config;

import java.io.StringReader;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Turns config text into a YAML node tree (never into Java objects), so every value keeps its line. The limits are
 * set for a hand-written file of a few KB: anything far beyond that is a mistake or an attack.
 */
final class YamlComposer {

    /** Largest config accepted, in bytes on disk and in characters of text. */
    static final int MAX_SIZE = 1024 * 1024;

    /**
     * Largest document once aliases are expanded, in characters (nodes count 1 each). As large as the largest file:
     * only aliases can go beyond it, and a config has no use for aliases that multiply it.
     */
    static final int MAX_EXPANDED = MAX_SIZE;

    // A config has no use for more than a handful of aliases; a low cap defeats "billion laughs" documents.
    private static final int MAX_ALIASES_FOR_COLLECTIONS = 20;
    private static final int MAX_NESTING_DEPTH = 20;

    private YamlComposer() {
    }

    /**
     * The document's root node. Empty either because the document has no content (no error reported) or because the
     * text is not usable YAML (the reason is in {@code errors}).
     */
    static Optional<Node> compose(String text, ConfigErrors errors) {
        if (text.length() > MAX_SIZE) {
            errors.add("", "the config is larger than 1 MB; a Klaxon config is a few KB", 0);
            return Optional.empty();
        }
        try {
            Yaml yaml = newYaml();
            // Composing first keeps SnakeYAML's own limits (aliases to collections, nesting) and their messages;
            // composing shares an aliased node rather than copying it, so it is cheap even when expansion is not.
            Optional<Node> root = Optional.ofNullable(yaml.compose(new StringReader(text)));
            OptionalInt overLimit = AliasExpansion.lineOverLimit(yaml.parse(new StringReader(text)), MAX_EXPANDED);
            if (overLimit.isPresent()) {
                errors.add("", "the aliases (*name) in the config make it larger than " + MAX_EXPANDED
                        + " characters once expanded; a Klaxon config needs a handful of short ones",
                        overLimit.getAsInt());
                return Optional.empty();
            }
            return root;
        } catch (MarkedYAMLException e) {
            errors.add("", "YAML syntax error: " + describe(e), lineOf(e));
            return Optional.empty();
        } catch (YAMLException e) {
            // Limits (aliases, nesting, size) end up here; their messages name the limit.
            errors.add("", "YAML error: " + e.getMessage(), 0);
            return Optional.empty();
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        // compose() does not check duplicates itself (YamlMap does, with the line); set anyway so a later switch to
        // load() cannot silently accept them.
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_SIZE);
        options.setMergeOnCompose(false);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : e.getContext().strip();
        String text = context.isEmpty() ? problem : problem.isEmpty() ? context : problem + " (" + context + ")";
        // SnakeYAML words indentation mistakes in parser terms ("expected <block end>"); say what to look at.
        return text.contains("<block") ? text + "; check the indentation" : text;
    }

    private static int lineOf(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? 0 : mark.getLine() + 1;
    }
}
