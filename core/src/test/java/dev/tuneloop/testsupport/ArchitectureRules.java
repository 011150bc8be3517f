package dev.tuneloop.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The architecture rules every module checks in its own test (a few lines each): the packages of the module form no
 * cycle; a module other than core never uses {@code dev.tuneloop.internal}; and core's packages respect their layers.
 * The rules read the compiled main classes of the module ({@code target/classes}), never tests.
 */
public final class ArchitectureRules {

    /** Core's API packages an adapter may use: everything but {@code internal}. */
    public static final List<String> CORE_API_PACKAGES = List.of(
            "dev.tuneloop",
            "dev.tuneloop.errors",
            "dev.tuneloop.record",
            "dev.tuneloop.model",
            "dev.tuneloop.dedup",
            "dev.tuneloop.redact",
            "dev.tuneloop.curate",
            "dev.tuneloop.export",
            "dev.tuneloop.tune",
            "dev.tuneloop.eval",
            "dev.tuneloop.route",
            "dev.tuneloop.metrics",
            "dev.tuneloop.store",
            "dev.tuneloop.testing");

    private ArchitectureRules() {}

    /**
     * The main classes of the module whose tests run now (the working directory is the module's folder).
     *
     * @return the classes under {@code target/classes}
     */
    public static JavaClasses mainClassesOfThisModule() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
    }

    /**
     * No two packages of {@code classes} depend on each other, directly or through others.
     *
     * @return the rule
     */
    public static ArchRule noPackageCycles() {
        return slices().matching("dev.tuneloop.(**)").should().beFreeOfCycles().allowEmptyShould(true);
    }

    /**
     * An adapter module uses only core's API packages and its own: never {@code dev.tuneloop.internal}, and never
     * another adapter's packages unless listed.
     *
     * @param ownPackages the module's packages (with {@code ..} for subpackages), e.g. {@code "dev.tuneloop.jdbc.."}
     * @return the rule
     */
    public static ArchRule adapterUsesOnlyCoreApi(String... ownPackages) {
        List<String> allowed = new ArrayList<>(CORE_API_PACKAGES);
        allowed.addAll(Arrays.asList(ownPackages));
        return noClasses()
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are in dev.tuneloop but not in core's API packages or " + Arrays.toString(ownPackages),
                        c -> c.getPackageName().startsWith("dev.tuneloop")
                                && allowed.stream().noneMatch(p -> matches(p, c.getPackageName()))))
                .because("adapters point into core's API, never into core's internals or other adapters");
    }

    private static boolean matches(String pattern, String pkg) {
        if (pattern.endsWith("..")) {
            String base = pattern.substring(0, pattern.length() - 2);
            return pkg.equals(base) || pkg.startsWith(base + ".");
        }
        return pkg.equals(pattern);
    }

    /**
     * Core's layers, lowest first: a package may use the layers below it, never those above (docs/ARCHITECTURE.md).
     *
     * @return the rule
     */
    public static ArchRule coreLayers() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("dev.tuneloop..")
                .layer("errors")
                .definedBy("dev.tuneloop.errors")
                .layer("internal")
                .definedBy("dev.tuneloop.internal")
                .layer("record")
                .definedBy("dev.tuneloop.record")
                .layer("model")
                .definedBy("dev.tuneloop.model")
                .layer("dedup")
                .definedBy("dev.tuneloop.dedup")
                .layer("redact")
                .definedBy("dev.tuneloop.redact")
                .layer("curate")
                .definedBy("dev.tuneloop.curate")
                .layer("export")
                .definedBy("dev.tuneloop.export")
                .layer("tune")
                .definedBy("dev.tuneloop.tune")
                .layer("eval")
                .definedBy("dev.tuneloop.eval")
                .layer("route")
                .definedBy("dev.tuneloop.route")
                .layer("metrics")
                .definedBy("dev.tuneloop.metrics")
                .layer("store")
                .definedBy("dev.tuneloop.store")
                .layer("testing")
                .definedBy("dev.tuneloop.testing")
                .layer("facade")
                .definedBy("dev.tuneloop")
                .whereLayer("errors")
                .mayOnlyAccessLayers("errors")
                .whereLayer("internal")
                .mayOnlyAccessLayers("errors")
                .whereLayer("record")
                .mayOnlyAccessLayers("errors", "internal")
                .whereLayer("model")
                .mayOnlyAccessLayers("errors", "internal", "record")
                .whereLayer("dedup")
                .mayOnlyAccessLayers("errors", "internal")
                .whereLayer("redact")
                .mayOnlyAccessLayers("errors", "internal")
                .whereLayer("curate")
                .mayOnlyAccessLayers("errors", "internal", "record", "dedup", "redact")
                .whereLayer("export")
                .mayOnlyAccessLayers("errors", "internal", "record", "dedup", "redact", "curate")
                .whereLayer("tune")
                .mayOnlyAccessLayers("errors", "internal", "record", "dedup", "redact", "curate", "export")
                .whereLayer("eval")
                // redact: evaluation tables for analysis redact their texts (EvaluationTables)
                .mayOnlyAccessLayers("errors", "internal", "record", "model", "redact", "curate", "export", "tune")
                .whereLayer("route")
                .mayOnlyAccessLayers("errors", "internal", "record", "curate", "tune")
                .whereLayer("metrics")
                .mayOnlyAccessLayers("errors", "internal", "record", "curate", "tune", "route")
                .whereLayer("testing")
                .mayOnlyAccessLayers("errors", "internal", "record", "model", "curate", "export", "tune")
                .whereLayer("store")
                // eval: erasure redacts the erased user's cases in evaluation reports (EvaluationErasure)
                .mayOnlyAccessLayers("errors", "internal", "record", "curate", "tune", "eval")
                .whereLayer("facade")
                .mayOnlyAccessLayers(
                        "errors", "internal", "record", "curate", "export", "tune", "route", "metrics", "store")
                .allowEmptyShould(true);
    }
}
