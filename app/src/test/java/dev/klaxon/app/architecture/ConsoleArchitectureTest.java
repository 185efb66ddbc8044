package dev.klaxon.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's architecture ({@link ConsoleRules}) checked against its main classes, and each rule shown to fail on
 * the deliberate violations under {@code architecture.fixture}, so no rule here passes because it cannot fail.
 */
class ConsoleArchitectureTest {
    private static final String CONSOLE = "dev.klaxon.app";
    private static final String FIXTURE = "dev.klaxon.app.architecture.fixture";

    private static JavaClasses console;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        console = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(CONSOLE);
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void theConsoleImportHasTheMainClassesOnly() {
        assertThat(console.contain("dev.klaxon.app.Launcher")).isTrue();
        assertThat(console.contain(ConsoleArchitectureTest.class.getName())).isFalse();
        assertThat(console.stream().map(JavaClass::getName)).noneMatch(name -> name.startsWith(FIXTURE));
    }

    // 1. ui reaches the engine only through the backend

    @Test
    void uiDoesNotUseTheBackendImplementation() {
        ConsoleRules.uiDoesNotUseTheBackendImplementation(CONSOLE).check(console);
    }

    @Test
    void uiDoesNotUseTheBackendImplementation_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.uiDoesNotUseTheBackendImplementation(FIXTURE));
        assertCaught(found, "LiveFixture.implementation", "FixtureEngineBackend");
    }

    @Test
    void uiDoesNotUseEngineServices() {
        ConsoleRules.uiDoesNotUseEngineServices(CONSOLE).check(console);
    }

    @Test
    void uiDoesNotUseEngineServices_catchesServicesAndLetsValuesThrough() {
        List<String> found = violations(ConsoleRules.uiDoesNotUseEngineServices(FIXTURE));
        assertCaught(found, "LiveFixture.namedService", "dev.klaxon.engine.Engine");
        assertCaught(found, "LiveFixture.namedStaticService", "dev.klaxon.delivery.RoutingKeyPreflight");
        assertCaught(found, "LiveFixture.nestedInNamedService", "dev.klaxon.nats.NatsConnectionCheck$Result");
        assertCaught(found, "LiveFixture.unnamedService", "dev.klaxon.route.Router");
        assertCaught(found, "LiveFixture.recordInForbiddenPackage", "dev.klaxon.demo.FeedMessage");
        assertCaught(found, "LiveFixture.helperInForbiddenPackage", "dev.klaxon.natsserver.NatsServerBinary");
        assertThat(found).as("what a view may hold").noneMatch(line -> line.contains("LiveFixture.backend>")
                || line.contains("LiveFixture.feed>") || line.contains("LiveFixture.anEnum")
                || line.contains("LiveFixture.aRecord") || line.contains("LiveFixture.anInterface")
                || line.contains("LiveFixture.aThrowable") || line.contains("LiveFixture.aStaticHelper")
                || line.contains("LiveFixture.allowListedValue") || line.contains("LiveFixture.otherAllowListedValue"));
        assertThat(found).hasSize(6);
    }

    @Test
    void allowListedValuesAreImmutable() {
        for (String name : EngineServices.IMMUTABLE_VALUES.keySet()) {
            JavaClass value = new ClassFileImporter().importClass(classNamed(name));
            assertThat(value.getModifiers()).as(name + " is final").contains(JavaModifier.FINAL);
            assertThat(value.getFields()).as(name + " has only final fields")
                    .allMatch(field -> field.getModifiers().contains(JavaModifier.FINAL));
            assertThat(EngineServices.isStaticHelper(value)).as(name + " needs no allow-listing").isFalse();
        }
    }

    @Test
    void namedServicesExist() {
        for (String name : EngineServices.NAMED) {
            assertThat(classNamed(name)).as(name).isNotNull();
        }
        for (String pkg : EngineServices.FORBIDDEN_PACKAGES) {
            assertThat(new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                    .importPackages(pkg.replace("..", ""))).as(pkg).isNotEmpty();
        }
    }

    // 2. no cycles between the console's packages

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        ConsoleRules.topLevelPackagesAreFreeOfCycles(CONSOLE).check(console);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.topLevelPackagesAreFreeOfCycles(FIXTURE));
        assertCaught(found, "Cycle detected", "FixtureFeed.view", "LiveFixture.feed");
    }

    @Test
    void uiPackagesAreFreeOfCycles() {
        ConsoleRules.uiPackagesAreFreeOfCycles(CONSOLE).check(console);
    }

    @Test
    void uiPackagesAreFreeOfCycles_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.uiPackagesAreFreeOfCycles(FIXTURE));
        assertCaught(found, "Cycle detected", "AuditFixture.otherView", "LiveFixture.otherView");
    }

    // 3. views don't import each other

    @Test
    void viewsDoNotDependOnEachOther() {
        ConsoleRules.viewsDoNotDependOnEachOther(CONSOLE).check(console);
    }

    @Test
    void viewsDoNotDependOnEachOther_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.viewsDoNotDependOnEachOther(FIXTURE));
        assertCaught(found, "LiveFixture.otherView", "AuditFixture");
        assertCaught(found, "AuditFixture.otherView", "LiveFixture");
        assertThat(found).as("the shell is no view").noneMatch(line -> line.contains("ShellFixture"));
    }

    // 4. views don't know the shell; what they share knows neither views nor shell

    @Test
    void viewsDoNotDependOnTheShell() {
        ConsoleRules.viewsDoNotDependOnTheShell(CONSOLE).check(console);
    }

    @Test
    void viewsDoNotDependOnTheShell_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.viewsDoNotDependOnTheShell(FIXTURE));
        assertCaught(found, "LiveFixture.shell", "ShellFixture");
        assertThat(found).hasSize(1);
    }

    @Test
    void sharedUiDoesNotDependOnViewsOrTheShell() {
        ConsoleRules.sharedUiDoesNotDependOnViewsOrTheShell(CONSOLE).check(console);
    }

    @Test
    void sharedUiDoesNotDependOnViewsOrTheShell_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.sharedUiDoesNotDependOnViewsOrTheShell(FIXTURE));
        assertCaught(found, "CommonFixture.view", "AuditFixture");
        assertCaught(found, "CommonFixture.shell", "ShellFixture");
        assertCaught(found, "ActionsFixture.view", "LiveFixture");
        assertThat(found).as("ui.actions may use ui.common").noneMatch(line -> line.contains("ActionsFixture.common"));
    }

    // 5. nothing below ui imports ui; the backend's interfaces don't know their implementation

    @Test
    void nothingBelowTheUiDependsOnIt() {
        ConsoleRules.nothingBelowTheUiDependsOnIt(CONSOLE).check(console);
    }

    @Test
    void nothingBelowTheUiDependsOnIt_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.nothingBelowTheUiDependsOnIt(FIXTURE));
        assertCaught(found, "FixtureBackend.view()", "LiveFixture");
        assertCaught(found, "FixtureFeed.view", "LiveFixture");
    }

    @Test
    void backendInterfacesDoNotDependOnTheirImplementation() {
        ConsoleRules.backendInterfacesDoNotDependOnTheirImplementation(CONSOLE).check(console);
    }

    @Test
    void backendInterfacesDoNotDependOnTheirImplementation_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.backendInterfacesDoNotDependOnTheirImplementation(FIXTURE));
        assertCaught(found, "FixtureBackend.implementation()", "FixtureEngineBackend");
    }

    // 6. only the composition root uses backend.engine

    @Test
    void onlyTheCompositionRootUsesTheBackendImplementation() {
        ConsoleRules.onlyTheCompositionRootUsesTheBackendImplementation(CONSOLE).check(console);
    }

    @Test
    void onlyTheCompositionRootUsesTheBackendImplementation_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.onlyTheCompositionRootUsesTheBackendImplementation(FIXTURE));
        assertCaught(found, "LiveFixture.implementation", "FixtureEngineBackend");
        assertCaught(found, "FixtureFeed.implementation", "FixtureEngineBackend");
        assertCaught(found, "FixtureBackend.implementation()", "FixtureEngineBackend");
        assertThat(found).as("the composition root may").noneMatch(line -> line.contains("FixtureRoot"));
    }

    // 7. no JavaFX below ui (perf aside)

    @Test
    void noJavaFxBelowTheUi() {
        ConsoleRules.noJavaFxBelowTheUi(CONSOLE).check(console);
    }

    @Test
    void noJavaFxBelowTheUi_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.noJavaFxBelowTheUi(FIXTURE));
        assertCaught(found, "FixtureBackend.node()", "javafx.scene.Node");
        assertThat(found).hasSize(1);
    }

    // 8. the composition root is the top

    @Test
    void nothingDependsOnTheCompositionRoot() {
        ConsoleRules.nothingDependsOnTheCompositionRoot(CONSOLE).check(console);
    }

    @Test
    void nothingDependsOnTheCompositionRoot_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.nothingDependsOnTheCompositionRoot(FIXTURE));
        assertCaught(found, "FixtureBackend.root()", "FixtureRoot");
        assertThat(found).hasSize(1);
    }

    // 10. one way off the FX thread and back

    @Test
    void uiLeavesTheFxThreadOnlyThroughTheBackend() {
        ConsoleRules.uiLeavesTheFxThreadOnlyThroughTheBackend(CONSOLE).check(console);
    }

    @Test
    void uiLeavesTheFxThreadOnlyThroughTheBackend_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.uiLeavesTheFxThreadOnlyThroughTheBackend(FIXTURE));
        assertCaught(found, "ThreadsFixture.startsAThread", "Thread.<init>");
        assertCaught(found, "ThreadsFixture.ownsAnExecutor", "Executors");
        assertCaught(found, "ThreadsFixture.hopsBackByHand", "Platform.runLater");
        assertThat(found).noneMatch(line -> line.contains("fixture.ui.common.FxThread"));
    }

    // 9. every package has its place in the rules

    @Test
    void everyPackageIsPlaced() {
        ConsoleRules.everyPackageIsPlaced(CONSOLE).check(console);
    }

    @Test
    void everyPackageIsPlaced_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.everyPackageIsPlaced(FIXTURE));
        assertCaught(found, "fixture.unplaced.UnplacedFixture");
        assertThat(found).hasSize(1);
    }

    @Test
    void everyUiPackageIsPlaced() {
        ConsoleRules.everyUiPackageIsPlaced(CONSOLE).check(console);
    }

    @Test
    void everyUiPackageIsPlaced_catchesTheFixture() {
        List<String> found = violations(ConsoleRules.everyUiPackageIsPlaced(FIXTURE));
        assertCaught(found, "fixture.ui.unplaced.UnplacedViewFixture");
        assertThat(found).hasSize(1);
    }

    /** The rule's violations on the fixture, one line (or one cycle) each; the rule must have failed. */
    private static List<String> violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixture);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }

    /** Some one violation names all of {@code parts}. */
    private static void assertCaught(List<String> violations, String... parts) {
        assertThat(violations).as("a violation naming " + List.of(parts))
                .anySatisfy(line -> assertThat(line).contains(parts));
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name, false, ConsoleArchitectureTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " is gone: update the list in EngineServices", e);
        }
    }
}
