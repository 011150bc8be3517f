package dev.tuneloop.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Arms served at different endpoints: the model id as before, and the endpoint beside it. */
class EndpointRoutingTest {
    private static final Endpoint TOGETHER = Endpoint.of("together", "https://api.together.xyz/v1");
    private static final Endpoint OPENAI = Endpoint.of("openai");

    private static RoutingPlan plan() {
        return RoutingPlan.of(
                "exp",
                Arm.of("fine-tuned", "acme/Llama-3.3-70B-ft-v4", 8_000).servedAt(TOGETHER),
                Arm.of("base", "gpt-4o-mini", 2_000).servedAt(OPENAI));
    }

    @Test
    void endpointForAgreesWithModelForAndReusesOneObjectPerArm() {
        try (AbRouter router = AbRouter.create(plan())) {
            Set<ModelEndpoint> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < 500; i++) {
                String user = "user-" + i;
                ModelEndpoint e = router.endpointFor(user);
                assertThat(e.model()).isEqualTo(router.modelFor(user));
                assertThat(e.endpoint()).isEqualTo(router.assign(user).arm().equals("fine-tuned") ? TOGETHER : OPENAI);
                seen.add(e);
            }
            assertThat(seen)
                    .as("one instance per arm, made when the plan was installed")
                    .hasSize(2);
            // the spec vector: exp:user-2 is bucket 794, in the fine-tuned arm
            assertThat(router.endpointFor("user-2").provider()).isEqualTo("together");
        }
    }

    @Test
    void theKillSwitchServesItsModelWhereAnArmServesIt() {
        try (AbRouter router = AbRouter.create(plan())) {
            router.killSwitch("gpt-4o-mini");
            assertThat(router.endpointFor("user-2")).isEqualTo(new ModelEndpoint("gpt-4o-mini", OPENAI));
            router.update(plan().withKillSwitch("gpt-4o"));
            assertThat(router.endpointFor("user-2")).isEqualTo(new ModelEndpoint("gpt-4o", Endpoint.DEFAULT));
        }
    }

    @Test
    void sampledExposuresReturnTheSameEndpoint() {
        List<Exposure> exposures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AbRouter router = AbRouter.builder(plan().withAnonymousArm("base"))
                .exposureListener(exposures::add)
                .build()) {
            assertThat(router.endpointFor("user-2").endpoint()).isEqualTo(TOGETHER);
            assertThat(router.endpointFor(null).endpoint()).isEqualTo(OPENAI);
        }
        assertThat(exposures).hasSize(2);
    }

    @Test
    void armsWithoutEndpointAreServedByTheDefaultClient() {
        Arm a = Arm.of("base", "gpt-4o-mini", 10_000);
        assertThat(a.endpoint()).isEqualTo(Endpoint.DEFAULT);
        assertThat(a.endpoint().isDefault()).isTrue();
        assertThat(a.withWeight(5_000).servedAt(TOGETHER).withWeight(4_000).endpoint())
                .isEqualTo(TOGETHER);
        assertThat(RoutingPlan.fineTunedVsBase("s", "ft", "base", 5_000).arms())
                .allMatch(x -> x.endpoint().isDefault());
    }

    @Test
    void toStringHidesUserInfoAndQuery() {
        Endpoint secret = Endpoint.of("vllm", "http://svc:s3cr3t-key@10.0.0.5:8000/v1?api_key=s3cr3t-key");
        assertThat(secret.toString())
                .isEqualTo("Endpoint[provider=vllm, baseUrl=http://***@10.0.0.5:8000/v1?***]")
                .doesNotContain("s3cr3t");
        assertThat(Arm.of("a", "m", 10_000).servedAt(secret).toString()).doesNotContain("s3cr3t");
        assertThatThrownBy(() -> Endpoint.of("vllm", "ftp://key@host/x?token=s3cr3t"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("absolute http or https URL")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> Endpoint.of("Together AI"))
                .hasMessageContaining("endpoint provider must be 1-64 characters");
    }
}
