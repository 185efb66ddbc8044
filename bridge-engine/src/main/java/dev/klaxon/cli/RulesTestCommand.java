package dev.klaxon.cli;

import dev.klaxon.config.ConfigException;
import dev.klaxon.config.KlaxonConfig;
import dev.klaxon.decision.Decision;
import dev.klaxon.decision.DecisionText;
import dev.klaxon.engine.Engine;
import dev.klaxon.engine.EngineOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code rules test SUBJECT [--payload JSON]}: what the engine would do with one message, and why. */
final class RulesTestCommand {
    private final CliContext context;

    RulesTestCommand(CliContext context) {
        this.context = context;
    }

    /** @param subjects the positional words; exactly one is right */
    int run(List<String> subjects, String payloadOption, String configFile) throws UsageException, ConfigException {
        if (subjects.size() != 1) {
            throw new UsageException("rules test needs exactly one SUBJECT");
        }
        String subject = subjects.get(0);
        String payload = payloadOption == null ? "{}" : payloadOption;
        KlaxonConfig config = new ConfigSource(context).load(configFile);
        try (Engine engine = Engine.create(config, context.clock(),
                EngineOptions.defaults().withEnvironment(context.environment()))) {
            Decision decision = engine.explain(subject, payload.getBytes(StandardCharsets.UTF_8), Map.of());
            print(decision, config, context.out());
        }
        return Main.OK;
    }

    private static void print(Decision decision, KlaxonConfig config, PrintStream out) {
        DecisionText.lines(decision, config.routes()).forEach(out::println);
    }
}
