package dev.tuneloop.spring.boot;

import dev.tuneloop.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class AutoconfigureArchitectureTest {
    @Test
    void usesOnlyTheApiOfCoreAndOfTheModulesItConfigures() {
        var classes = ArchitectureRules.mainClassesOfThisModule();
        ArchitectureRules.adapterUsesOnlyCoreApi(
                        "dev.tuneloop.spring.boot..",
                        "dev.tuneloop.jdbc",
                        "dev.tuneloop.admin",
                        "dev.tuneloop.micrometer",
                        "dev.tuneloop.openai")
                .check(classes);
        ArchitectureRules.noPackageCycles().check(classes);
    }
}
