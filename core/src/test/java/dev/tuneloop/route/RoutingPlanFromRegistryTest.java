package dev.tuneloop.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.store.Store;
import dev.tuneloop.tune.DatasetSnapshot;
import dev.tuneloop.tune.ModelRegistry;
import dev.tuneloop.tune.NewModelVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingPlanFromRegistryTest {

    private static final Instant T0 = Instant.parse("2026-01-15T00:00:00Z");
    private static final DatasetSnapshot DATA = new DatasetSnapshot("0".repeat(64), List.of());

    private static String version(ModelRegistry registry, String model, Instant at) {
        String v = registry.register(new NewModelVersion(at, "gpt-4o-mini-2024-07-18", DATA, null, ""))
                .version();
        registry.recordFineTunedModel(v, model);
        return v;
    }

    @Test
    void routesToTheDeployedVersionAndFollowsARollback() {
        Store tuneloopStore = Store.inMemory();
        ModelRegistry registry = tuneloopStore.registry();
        String v1 = version(registry, "ft:gpt-4o-mini-2024-07-18:org::v1", T0);
        String v2 = version(registry, "ft:gpt-4o-mini-2024-07-18:org::v2", T0.plusSeconds(86_400 * 30));
        registry.markDeployed(v1, T0.plusSeconds(3_600));
        assertThat(RoutingPlan.fromDeployed(registry, "gpt-4o-mini", 8_000, "exp")
                        .arms())
                .containsExactly(
                        Arm.of("fine-tuned", "ft:gpt-4o-mini-2024-07-18:org::v1", 8_000),
                        Arm.of("base", "gpt-4o-mini", 2_000));

        registry.markDeployed(v2, T0.plusSeconds(86_400 * 31));
        RoutingPlan p2 = RoutingPlan.fromDeployed(registry, 10_000, "exp");
        assertThat(p2.arms())
                .containsExactly(
                        Arm.of("fine-tuned", "ft:gpt-4o-mini-2024-07-18:org::v2", 10_000),
                        Arm.of("base", "gpt-4o-mini-2024-07-18", 0));

        registry.markDeployed(v1, T0.plusSeconds(86_400 * 32)); // rollback
        try (AbRouter router = AbRouter.create(p2)) {
            router.update(RoutingPlan.fromDeployed(registry, 10_000, "exp"));
            assertThat(router.modelFor("user-1")).isEqualTo("ft:gpt-4o-mini-2024-07-18:org::v1");
        }
    }

    @Test
    void nothingDeployedIsNotFound() {
        ModelRegistry registry = Store.inMemory().registry();
        version(registry, "ft:x", T0);
        assertThatThrownBy(() -> RoutingPlan.fromDeployed(registry, "gpt-4o-mini", 8_000, "exp"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no model version is deployed");
    }
}
