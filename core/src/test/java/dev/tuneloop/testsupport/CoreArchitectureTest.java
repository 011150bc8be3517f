package dev.tuneloop.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/** Core's packages form no cycle and respect their layers. */
class CoreArchitectureTest {
    private static final JavaClasses CORE = ArchitectureRules.mainClassesOfThisModule();

    @Test
    void packagesFormNoCycle() {
        ArchitectureRules.noPackageCycles().check(CORE);
    }

    @Test
    void packagesRespectTheirLayers() {
        ArchitectureRules.coreLayers().check(CORE);
    }
}
