package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.tune.ModelLifecycle;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderChoiceTest {
    private static final ModelLifecycle CAL = ModelLifecycle.defaults();

    @Test
    void openAiSaysWhyItMayRefuse() {
        List<String> before =
                ProviderChoice.OPENAI.describe(CAL, Instant.parse("2026-12-03T10:00:00Z"), Demo.BASE_MODEL, false);
        assertThat(before.get(0)).contains("simulated as openai");
        assertThat(before.get(1))
                .contains("job creation for gpt-4o-mini-2024-07-18 closes on 2027-01-06")
                .contains("retire on 2027-01-14")
                .doesNotContain("refuses");
        assertThat(before.get(2)).contains("2026-05-07");

        List<String> after =
                ProviderChoice.OPENAI.describe(CAL, Instant.parse("2027-01-07T10:00:00Z"), Demo.BASE_MODEL, true);
        assertThat(after.get(0)).contains("the job is real");
        assertThat(after.get(1))
                .contains("CLOSED on 2027-01-06")
                .contains("the launcher refuses; providers that remain: [azure] for this model");
    }

    @Test
    void theOthersSayWhereTheyComeFrom() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(ProviderChoice.AZURE.describe(CAL, now, Demo.BASE_MODEL, false))
                .anyMatch(l -> l.contains("closes on 2027-04-01"))
                .anyMatch(l -> l.contains("deploy the tuned model"));
        assertThat(ProviderChoice.TOGETHER
                        .describe(CAL, now, Demo.BASE_MODEL, false)
                        .get(0))
                .contains("tuneloop-together module");
        assertThat(ProviderChoice.VERTEX.describe(CAL, now, "gemini-2.5-flash", false))
                .anyMatch(l -> l.contains("tuneloop-vertex module"))
                .anyMatch(l -> l.contains("no closing or retirement date known at vertex"));
        assertThat(ProviderChoice.parse("together")).isEqualTo(ProviderChoice.TOGETHER);
        assertThat(ProviderChoice.OPENAI.real(true)).isTrue();
        assertThat(ProviderChoice.AZURE.real(true)).isFalse();
        assertThatThrownBy(() -> ProviderChoice.parse("bedrock"))
                .hasMessageContaining("--provider must be openai, azure, together, vertex or simulated");
    }
}
