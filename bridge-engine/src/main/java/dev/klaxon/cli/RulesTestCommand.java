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
import java.util.Set;

/** {@code rules test SUBJECT [--payload JSON]}: what the engine would do with one message, and why. */
final class RulesTestCommand {
    private final CliContext context;

    RulesTestCommand(CliContext context) {
        this.context = context;
    }

    int run(List<String> args) throws UsageException, ConfigException {
        Arguments arguments = Arguments.parse(args, Set.of("config", "payload"));
        if (arguments.positional().size() != 1) {
            throw new UsageException("rules test needs exactly one SUBJECT");
        }
        String subject = arguments.positional().get(0);
        String payload = arguments.option("payload") == null ? "{}" : arguments.option("payload");
        KlaxonConfig config = new ConfigSource(context).load(arguments);
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
