package dev.klaxon.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.List;
import java.util.stream.Stream;

/**
 * The console's architecture as ArchUnit rules. Every rule takes the root package, so the very rule that guards
 * {@code dev.klaxon.app} is also shown to fail on the deliberate violations under {@code architecture.fixture}.
 *
 * <pre>
 * dev.klaxon.app              composition root: may use anything; nothing uses it         (6, 8)
 * ui.shell                    places the views                                            (4)
 * ui.live ... ui.settings     the views: no other view, no shell                          (3, 4)
 * ui.common, ui.command,      shared by the views: no view, no shell                      (4)
 *   ui.notify, ui.actions
 * backend, feed, rates,       below the ui: never see it; no JavaFX except perf           (5, 7)
 *   perf, prefs, outlets
 * backend.engine              the backend over the engine: the composition root's alone   (1, 5, 6)
 * </pre>
 *
 * <p>The ui reaches the engine's services only through {@code backend} (1); no package cycles (2); every package has
 * one of these places (9).
 */
final class ConsoleRules {
    /** One package per tab (and the incidents panel); none of them knows another. */
    static final List<String> VIEWS = List.of("live", "incidents", "silences", "audit", "deadletters", "flood",
            "rules", "settings", "team");
    /** ui packages the views share; they know neither the views nor the shell. */
    static final List<String> SHARED_UI = List.of("common", "command", "notify", "actions");
    /** Below ui: they serve the ui and never see it. */
    static final List<String> BELOW_UI = List.of("backend", "feed", "rates", "perf", "prefs", "outlets");
    /** Plain Java, testable without a toolkit (perf measures the FX thread, so it is not here). */
    static final List<String> WITHOUT_JAVAFX = List.of("backend", "feed", "rates", "prefs", "outlets");

    private ConsoleRules() {
    }

    /** 1a. The ui does not use the backend's implementation, only its interfaces. */
    static ArchRule uiDoesNotUseTheBackendImplementation(String root) {
        return noClasses().that().resideInAPackage(root + ".ui..")
                .should().dependOnClassesThat().resideInAPackage(root + ".backend.engine..")
                .because("the ui reaches the engine only through the " + root + ".backend interfaces");
    }

    /** 1b. The ui does not use engine services: only the engine's values, through the backend. */
    static ArchRule uiDoesNotUseEngineServices(String root) {
        return noClasses().that().resideInAPackage(root + ".ui..")
                .should().dependOnClassesThat(EngineServices.engineServices())
                .because("the ui reaches the engine only through the " + root + ".backend interfaces; records,"
                        + " enums and other engine values may cross it");
    }

    /** 2a. No cycles between the console's top-level packages (ui, backend, feed, rates, perf, prefs). */
    static ArchRule topLevelPackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles();
    }

    /** 2b. No cycles between the ui's packages (shell, common, command, notify, actions and the views). */
    static ArchRule uiPackagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".ui.(*)..").namingSlices("ui.$1")
                .should().beFreeOfCycles();
    }

    /** 3. A view never depends on another view; what two views share lives in a shared ui package. */
    static ArchRule viewsDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".ui.(*)..").namingSlices("ui.$1")
                .that(DescribedPredicate.describe("are views " + VIEWS, (Slice slice) ->
                        VIEWS.contains(slice.getNamePart(1))))
                .should().notDependOnEachOther()
                .because("each view is one package of its own; what views share goes to ui.common or ui.actions");
    }

    /** 4a. The shell places the views; the views never know the shell. */
    static ArchRule viewsDoNotDependOnTheShell(String root) {
        return noClasses().that().resideInAnyPackage(packages(root + ".ui.", VIEWS))
                .should().dependOnClassesThat().resideInAPackage(root + ".ui.shell..")
                .because("the shell places the views; a view is handed what it needs");
    }

    /** 4b. What the views share knows neither the views nor the shell. */
    static ArchRule sharedUiDoesNotDependOnViewsOrTheShell(String root) {
        return noClasses().that().resideInAnyPackage(packages(root + ".ui.", SHARED_UI))
                .should().dependOnClassesThat().resideInAnyPackage(
                        packages(root + ".ui.", concat(VIEWS, List.of("shell"))))
                .because("ui.common, ui.command, ui.notify and ui.actions sit under every view");
    }

    /** 5a. Nothing below the ui imports the ui. */
    static ArchRule nothingBelowTheUiDependsOnIt(String root) {
        return noClasses().that().resideInAnyPackage(packages(root + ".", BELOW_UI))
                .should().dependOnClassesThat().resideInAPackage(root + ".ui..")
                .because("backend, feed, rates, perf and prefs serve the ui and never see it");
    }

    /** 5b. The backend's interfaces do not know their implementation. */
    static ArchRule backendInterfacesDoNotDependOnTheirImplementation(String root) {
        return noClasses().that().resideInAPackage(root + ".backend")
                .should().dependOnClassesThat().resideInAPackage(root + ".backend.engine..")
                .because("the interfaces are the door; backend.engine is one implementation behind it");
    }

    /** 6. Only the composition root chooses the backend's implementation. */
    static ArchRule onlyTheCompositionRootUsesTheBackendImplementation(String root) {
        return noClasses().that().resideOutsideOfPackages(root, root + ".backend.engine..")
                .should().dependOnClassesThat().resideInAPackage(root + ".backend.engine..")
                .because("the composition root wires backend.engine in; everything else sees only the interfaces");
    }

    /** 7. No JavaFX below the ui, except perf, which measures the FX thread. */
    static ArchRule noJavaFxBelowTheUi(String root) {
        return noClasses().that().resideInAnyPackage(packages(root + ".", WITHOUT_JAVAFX))
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..", "atlantafx..",
                        "org.kordamp.ikonli..")
                .because("backend, feed, rates and prefs are plain Java, usable and testable without a toolkit");
    }

    /** 8. The composition root is the top: the cycle rules cannot see it (it is in no slice), so this rule does. */
    static ArchRule nothingDependsOnTheCompositionRoot(String root) {
        return noClasses().that().resideOutsideOfPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root)
                .because("the composition root wires everything and is wired by nothing");
    }

    /**
     * 10. The ui starts no thread of its own and comes back to the FX thread one way only: whatever may block is a
     * backend call answering with a future, and {@code ui.common.FxThread} delivers its outcome.
     */
    static ArchRule uiLeavesTheFxThreadOnlyThroughTheBackend(String root) {
        return noClasses().that().resideInAPackage(root + ".ui..")
                .and().doNotHaveFullyQualifiedName(root + ".ui.common.FxThread")
                .should().callConstructorWhere(DescribedPredicate.describe("a new Thread", call ->
                        call.getTarget().getOwner().isAssignableTo(Thread.class)))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould().dependOnClassesThat().areAssignableTo("java.util.concurrent.ExecutorService")
                .orShould().callMethod("javafx.application.Platform", "runLater", "java.lang.Runnable")
                .because("views ask the backend, which answers with futures off the FX thread, and come back "
                        + "through FxThread.whenDone; high-rate data comes once per frame");
    }

    /** 9a. Every top-level console package is one the rules above place; a new one needs a place first. */
    static ArchRule everyPackageIsPlaced(String root) {
        return classes().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root)
                .and().doNotHaveSimpleName("package-info")
                .should().resideInAnyPackage(packages(root + ".", concat(List.of("ui"), BELOW_UI)))
                .because("a package the rules do not name is a package they do not check");
    }

    /** 9b. Every ui package is a view, a shared ui package or the shell; a new one needs a place first. */
    static ArchRule everyUiPackageIsPlaced(String root) {
        return classes().that().resideInAPackage(root + ".ui..").and().doNotHaveSimpleName("package-info")
                .should().resideInAnyPackage(
                        packages(root + ".ui.", concat(VIEWS, concat(SHARED_UI, List.of("shell")))))
                .because("a new view goes into ConsoleRules.VIEWS, a new shared package into SHARED_UI");
    }

    private static String[] packages(String prefix, List<String> names) {
        return names.stream().map(name -> prefix + name + "..").toArray(String[]::new);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
