package dev.tuneloop.micrometer;

import dev.tuneloop.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class MicrometerArchitectureTest {
    @Test
    void usesOnlyCoresApiAndHasNoCycles() {
        var classes = ArchitectureRules.mainClassesOfThisModule();
        ArchitectureRules.adapterUsesOnlyCoreApi("dev.tuneloop.micrometer..").check(classes);
        ArchitectureRules.noPackageCycles().check(classes);
    }
}
