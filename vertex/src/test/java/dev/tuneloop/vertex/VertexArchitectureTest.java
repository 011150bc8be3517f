package dev.tuneloop.vertex;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.tuneloop.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The module points only into core's API, and its packages form no cycle. */
class VertexArchitectureTest {
    private final JavaClasses classes = ArchitectureRules.mainClassesOfThisModule();

    @Test
    void usesOnlyCoreApi() {
        ArchitectureRules.adapterUsesOnlyCoreApi("dev.tuneloop.vertex..").check(classes);
    }

    @Test
    void hasNoPackageCycles() {
        ArchitectureRules.noPackageCycles().check(classes);
    }
}
