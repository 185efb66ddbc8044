package dev.klaxon.config;

import dev.klaxon.route.RouteRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Turns a composed YAML document into a {@link KlaxonConfig}, reporting every problem on the way. */
final class ConfigDocumentReader {

    private static final List<String> SECTIONS = List.of("nats", "pagerduty", "storage", "routes", "guards");
    private static final String EXPECTED = "expected a mapping with some of the sections "
            + String.join(", ", SECTIONS);

    private final ConfigErrors errors;
    private final FileReferences files;

    ConfigDocumentReader(ConfigErrors errors, FileReferences files) {
        this.errors = errors;
        this.files = files;
    }

    /**
     * The config; empty if the document is not a mapping. Only meaningful when no errors were reported.
     *
     * @param root the document's root; null for a document with no content (only comments, or nothing)
     */
    Optional<KlaxonConfig> read(Node root, Path source) {
        if (root == null || NodeKind.isNull(root)) {
            errors.add("", "the config is empty; " + EXPECTED, 0);
            return Optional.empty();
        }
        if (!(root instanceof MappingNode mapping) || !NodeKind.isMapping(root)) {
            errors.add("", EXPECTED + " at the top level, got " + NodeKind.describe(root), root);
            return Optional.empty();
        }
        YamlMap top = new YamlMap(mapping, "", Set.copyOf(SECTIONS), errors);
        NatsConfig nats = new NatsSectionReader(errors, files).read(
                top.mapping("nats", NatsSectionReader.KEYS, NatsSectionReader.LITERAL_SECRETS));
        PagerDutyConfig pagerduty = new PagerDutySectionReader(errors, files).read(
                top.mapping("pagerduty", PagerDutySectionReader.KEYS, PagerDutySectionReader.LITERAL_SECRETS));
        StorageConfig storage = new StorageSectionReader(files).read(
                top.mapping("storage", StorageSectionReader.KEYS));
        List<RouteRule> routes = new RoutesSectionReader(errors, files).read(top);
        GuardsConfig guards = new GuardsSectionReader(errors).read(top.mapping("guards", GuardsSectionReader.KEYS));
        return Optional.of(new KlaxonConfig(nats, pagerduty, storage, routes, guards, source));
    }
}
