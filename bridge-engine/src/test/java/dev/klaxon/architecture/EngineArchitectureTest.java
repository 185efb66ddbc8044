package dev.klaxon.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.klaxon.route.violation.RouteThatReadsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's package structure, as rules that run with the tests. Each top-level package under {@code dev.klaxon}
 * is one layer; the table below is who may use whom, and a new dependency between packages means changing it here.
 * The rules read the main code only; the tests at the bottom show that they fail on a deliberate violation.
 */
@AnalyzeClasses(packages = "dev.klaxon", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {

    @ArchTest
    static final ArchRule packages_are_free_of_cycles =
            slices().matching("dev.klaxon.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packages_depend_only_downwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("storage").definedBy("dev.klaxon.storage..")
            .layer("message").definedBy("dev.klaxon.message..")
            .layer("secret").definedBy("dev.klaxon.secret..")
            .layer("outbox").definedBy("dev.klaxon.outbox..")
            .layer("pagerduty").definedBy("dev.klaxon.pagerduty..")
            .layer("natsserver").definedBy("dev.klaxon.natsserver..")
            .layer("simulator").definedBy("dev.klaxon.simulator..")
            .layer("route").definedBy("dev.klaxon.route..")
            .layer("decision").definedBy("dev.klaxon.decision..")
            .layer("config").definedBy("dev.klaxon.config..")
            .layer("audit").definedBy("dev.klaxon.audit..")
            .layer("stats").definedBy("dev.klaxon.stats..")
            .layer("nats").definedBy("dev.klaxon.nats..")
            .layer("guard").definedBy("dev.klaxon.guard..")
            .layer("delivery").definedBy("dev.klaxon.delivery..")
            .layer("incidents").definedBy("dev.klaxon.incidents..")
            .layer("team").definedBy("dev.klaxon.team..")
            .layer("demo").definedBy("dev.klaxon.demo..")
            .layer("engine").definedBy("dev.klaxon.engine..")
            .layer("metrics").definedBy("dev.klaxon.metrics..")
            .layer("cli").definedBy("dev.klaxon.cli..")

            .whereLayer("storage").mayNotAccessAnyLayer()
            .whereLayer("message").mayNotAccessAnyLayer()
            .whereLayer("secret").mayNotAccessAnyLayer()
            .whereLayer("outbox").mayOnlyAccessLayers("storage")
            .whereLayer("pagerduty").mayNotAccessAnyLayer()
            .whereLayer("natsserver").mayNotAccessAnyLayer()
            .whereLayer("simulator").mayNotAccessAnyLayer()
            .whereLayer("route").mayOnlyAccessLayers("message", "secret")
            .whereLayer("decision").mayOnlyAccessLayers("message", "route")
            .whereLayer("config").mayOnlyAccessLayers("message", "route", "secret")
            .whereLayer("audit").mayOnlyAccessLayers("decision", "route", "secret", "storage") // the chain key file
            .whereLayer("stats").mayOnlyAccessLayers("decision", "message", "route")
            .whereLayer("nats").mayOnlyAccessLayers("config", "message", "secret")
            .whereLayer("guard").mayOnlyAccessLayers("config", "decision", "message", "route", "secret", "storage")
            .whereLayer("delivery").mayOnlyAccessLayers("audit", "config", "outbox", "pagerduty", "route", "secret",
                    "storage")
            .whereLayer("incidents").mayOnlyAccessLayers("audit", "config", "pagerduty", "secret")
            .whereLayer("team").mayOnlyAccessLayers("audit", "config", "delivery", "guard", "message", "nats",
                    "outbox", "route", "secret", "storage")
            .whereLayer("demo").mayOnlyAccessLayers("config", "natsserver", "simulator")
            .whereLayer("demo").mayNotBeAccessedByAnyLayer()
            .whereLayer("engine").mayOnlyBeAccessedByLayers("cli", "metrics")
            .whereLayer("metrics").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()

            .ensureAllClassesAreContainedInArchitecture();

    @ArchTest
    static final ArchRule the_engine_never_uses_javafx = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
            .because("the engine is headless: the console is the only JavaFX code");

    /** The engine's main classes plus {@link RouteThatReadsConfig}, as if it were part of the main code. */
    private static JavaClasses mainClassesAndViolation;

    @BeforeAll
    static void importMainClassesAndViolation() {
        ImportOption mainCode = new ImportOption.DoNotIncludeTests();
        mainClassesAndViolation = new ClassFileImporter()
                .withImportOption(location -> mainCode.includes(location)
                        || location.contains("dev/klaxon/route/violation/"))
                .importPackages("dev.klaxon");
        assertThat(mainClassesAndViolation.contain(RouteThatReadsConfig.class)).isTrue();
        assertThat(mainClassesAndViolation.contain(EngineArchitectureTest.class)).as("no other test class").isFalse();
    }

    @Test
    void theLayeringReportsARouteClassThatReadsTheConfig() {
        EvaluationResult result = packages_depend_only_downwards.evaluate(mainClassesAndViolation);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .isNotEmpty()
                .allSatisfy(detail -> assertThat(detail)
                        .contains(RouteThatReadsConfig.class.getName())
                        .contains("dev.klaxon.config.KlaxonConfig"));
    }

    @Test
    void theCycleRuleReportsTheRouteConfigCycleThatClassWouldMake() {
        EvaluationResult result = packages_are_free_of_cycles.evaluate(mainClassesAndViolation);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .singleElement()
                .satisfies(detail -> assertThat(detail)
                        .startsWith("Cycle detected: Slice config -> ")
                        .contains("Slice route -> ")
                        .contains(RouteThatReadsConfig.class.getName()));
    }
}
