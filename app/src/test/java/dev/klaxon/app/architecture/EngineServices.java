package dev.klaxon.app.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What of the engine ({@code dev.klaxon..} outside {@code dev.klaxon.app..}) the console's views may not touch: its
 * services. Values (records, enums, interfaces, exceptions), pure static helpers and the few immutable value classes
 * listed in {@link #IMMUTABLE_VALUES} are the engine's vocabulary and may be used anywhere; everything else is a
 * service, which the views reach only through {@code dev.klaxon.app.backend}.
 */
final class EngineServices {
    /** The engine's packages; the console's own packages are never engine. */
    static final String ENGINE = "dev.klaxon.";
    static final String CONSOLE = "dev.klaxon.app.";

    /**
     * Classes that are neither records nor services: immutable values of the engine that records the console reads
     * carry as components. Each with why it is a value; {@code allowListedValuesAreImmutable} keeps this honest.
     */
    static final Map<String, String> IMMUTABLE_VALUES = Map.of(
            "dev.klaxon.route.SubjectPattern",
            "a compiled NATS subject pattern (final fields, private constructor); the pattern of RouteRule, Silence,"
                    + " SilenceRequest and InhibitRule",
            "dev.klaxon.route.DedupKeyTemplate",
            "a compiled dedup_key template (final fields, private constructor); RouteRule.dedupKey()");

    /**
     * Services named outright, whatever their shape: some are static helpers that do I/O (RoutingKeyPreflight), and a
     * rename should not quietly take one off the list ({@code namedServicesExist}). Their nested types count too.
     */
    static final List<String> NAMED = List.of(
            "dev.klaxon.engine.Engine",
            "dev.klaxon.incidents.IncidentDesk",
            "dev.klaxon.config.ConfigLoader",
            "dev.klaxon.config.ConfigTextEditor",
            "dev.klaxon.delivery.RoutingKeyPreflight",
            "dev.klaxon.nats.NatsConnectionCheck",
            "dev.klaxon.pagerduty.rest.PagerDutyRestClient",
            "dev.klaxon.demo.DemoEnvironment");

    /** Engine packages the console's views have no business with at all, values included. */
    static final List<String> FORBIDDEN_PACKAGES = List.of("dev.klaxon.cli..", "dev.klaxon.demo..",
            "dev.klaxon.natsserver..");

    private static final Map<String, Boolean> SERVICES = new ConcurrentHashMap<>();

    private EngineServices() {
    }

    /** The named services, their nested types, the forbidden packages, and every other engine service. */
    static DescribedPredicate<JavaClass> engineServices() {
        return named().or(resideInAnyPackage(FORBIDDEN_PACKAGES.toArray(String[]::new)))
                .or(DescribedPredicate.describe("are any other engine service (dev.klaxon.. outside dev.klaxon.app..;"
                        + " not a record, enum, interface, Throwable, static-only helper or allow-listed value)",
                        EngineServices::isService));
    }

    private static DescribedPredicate<JavaClass> named() {
        return DescribedPredicate.describe("are (or are nested in) the engine services " + NAMED, type -> {
            String name = type.getBaseComponentType().getName();
            return NAMED.stream().anyMatch(service -> name.equals(service) || name.startsWith(service + "$"));
        });
    }

    static boolean isService(JavaClass type) {
        JavaClass c = type.getBaseComponentType();
        String name = c.getName();
        if (!name.startsWith(ENGINE) || name.startsWith(CONSOLE)) {
            return false;
        }
        return SERVICES.computeIfAbsent(name, n -> {
            JavaClass full = fullyImported(c);
            return full == null || classify(full);
        });
    }

    private static boolean classify(JavaClass c) {
        if (c.isRecord() || c.isEnum() || c.isAssignableTo(Enum.class) || c.isInterface() || c.isAnnotation()
                || c.isAssignableTo(Throwable.class)) {
            return false;
        }
        return !IMMUTABLE_VALUES.containsKey(c.getName()) && !isStaticHelper(c);
    }

    /** Only static methods and only static final fields: nothing to hold, nothing to start, nothing to share. */
    static boolean isStaticHelper(JavaClass c) {
        return c.getMethods().stream().allMatch(EngineServices::isStatic)
                && c.getFields().stream().allMatch(f -> isStatic(f) && f.getModifiers().contains(JavaModifier.FINAL));
    }

    private static boolean isStatic(JavaMethod method) {
        return method.getModifiers().contains(JavaModifier.STATIC);
    }

    private static boolean isStatic(JavaField field) {
        return field.getModifiers().contains(JavaModifier.STATIC);
    }

    /**
     * ArchUnit may leave a dependency's class as a stub (no members, no supertypes), which would look like a static
     * helper; read such a class from the class path in full instead of guessing. Null when it cannot be read: then it
     * counts as a service, so a gap in the import never lets a dependency through.
     */
    private static JavaClass fullyImported(JavaClass c) {
        if (c.isFullyImported()) {
            return c;
        }
        try {
            return new ClassFileImporter().importClass(c.reflect());
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
