package dev.tuneloop.together;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tuneloop.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The module uses only core's public API and has no package cycles. */
class TogetherArchitectureTest {
    private final JavaClasses classes = ArchitectureRules.mainClassesOfThisModule();

    @Test
    void usesOnlyCoreApi() {
        ArchitectureRules.adapterUsesOnlyCoreApi("dev.tuneloop.together..").check(classes);
    }

    @Test
    void hasNoPackageCycles() {
        ArchitectureRules.noPackageCycles().check(classes);
    }
}
