package dev.klaxon.route.violation;

import dev.klaxon.config.KlaxonConfig;

/**
 * A deliberate violation of the engine's architecture rules, in test scope only: a class in {@code route} that reads
 * the config, the very dependency that once made {@code route} and {@code config} a cycle. {@code
 * EngineArchitectureTest} checks that its rules report it; the rules over the main code never see it.
 */
public final class RouteThatReadsConfig {

    private RouteThatReadsConfig() {
    }

    public static int ruleCount(KlaxonConfig config) {
        return config.routes().size();
    }
}
