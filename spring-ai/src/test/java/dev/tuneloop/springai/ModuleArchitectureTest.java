package dev.tuneloop.springai;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tuneloop.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** This module's packages form no cycle, and it uses only core's public API (never {@code dev.tuneloop.internal}). */
class ModuleArchitectureTest {
    private static final JavaClasses CLASSES = ArchitectureRules.mainClassesOfThisModule();

    @Test
    void packagesFormNoCycle() {
        ArchitectureRules.noPackageCycles().check(CLASSES);
    }

    @Test
    void usesOnlyCoreApi() {
        ArchitectureRules.adapterUsesOnlyCoreApi("dev.tuneloop.springai..").check(CLASSES);
    }
}
