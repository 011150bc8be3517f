package dev.tuneloop.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelLifecycleTest {
    private static final ModelLifecycle CAL = ModelLifecycle.defaults();
    private static final LocalDate JAN_5 = LocalDate.parse("2027-01-05");
    private static final LocalDate JAN_6 = LocalDate.parse("2027-01-06");

    @Test
    void shipsOpenAiAndAzureDatesWithSources() {
        assertThat(CAL.jobCreationCloses("openai", "gpt-4o-mini-2024-07-18")).contains(JAN_6);
        assertThat(CAL.retires("openai", "gpt-4o-mini-2024-07-18")).contains(LocalDate.parse("2027-01-14"));
        assertThat(CAL.jobCreationCloses("azure", "gpt-4o-mini-2024-07-18")).contains(LocalDate.parse("2027-04-01"));
        assertThat(CAL.retires("azure", "gpt-4o-mini-2024-07-18")).contains(LocalDate.parse("2027-10-01"));
        assertThat(CAL.jobCreationCloses("azure", "gpt-4.1-mini-2025-04-14")).contains(LocalDate.parse("2027-04-14"));
        assertThat(CAL.retires("azure", "gpt-4.1-2025-04-14")).contains(LocalDate.parse("2027-10-14"));
        assertThat(CAL.entries())
                .allSatisfy(e -> {
                    assertThat(e.sourceUrl()).startsWith("https://");
                    assertThat(e.asOf()).isEqualTo(LocalDate.parse(ModelLifecycle.DEFAULTS_AS_OF));
                })
                .extracting(LifecycleEntry::provider)
                .contains("openai", "azure", "together", "vertex");
        // nothing announced for Together and Vertex
        assertThat(CAL.jobCreationCloses("together", "meta-llama/Llama-3.3-70B-Instruct-Reference"))
                .isEmpty();
        assertThat(CAL.retires("vertex", "gemini-2.5-flash")).isEmpty();
    }

    @Test
    void aliasesFineTunedNamesAndProviderWideRowsFindTheirDates() {
        assertThat(CAL.retires("openai", "gpt-4o-mini")).as("undated alias").contains(LocalDate.parse("2027-01-14"));
        assertThat(CAL.retires("openai", "ft:gpt-4o-mini-2024-07-18:acme:v1:abc123"))
                .as("OpenAI fine-tune follows its base")
                .contains(LocalDate.parse("2027-01-14"));
        assertThat(CAL.retires("azure", "gpt-4o-mini-2024-07-18.ft-0123abcd"))
                .as("Azure fine-tune follows its base")
                .contains(LocalDate.parse("2027-10-01"));
        assertThat(CAL.retires("openai", "gpt-4o"))
                .as("gpt-4o finds both snapshots, not gpt-4o-mini")
                .contains(LocalDate.parse("2027-01-14"));
        assertThat(CAL.entriesFor("openai", "gpt-4o"))
                .extracting(LifecycleEntry::model)
                .containsExactly("*", "gpt-4o-2024-08-06", "gpt-4o-2024-11-20");
        assertThat(CAL.jobCreationCloses("openai", "o4-mini-2025-04-16"))
                .as("provider-wide close applies to models without a row")
                .contains(JAN_6);
        assertThat(CAL.retires("openai", "o4-mini-2025-04-16")).isEmpty();
        assertThat(CAL.takesJobs("openai", "gpt-4o-mini-2024-07-18", JAN_5)).isTrue();
        assertThat(CAL.takesJobs("openai", "gpt-4o-mini-2024-07-18", JAN_6)).isFalse();
        assertThat(CAL.takesJobs("some-host", "anything", JAN_6))
                .as("no row: no refusal")
                .isTrue();
    }

    @Test
    void refusesAClosedJobNamingTheDateAndTheProvidersThatRemain() {
        assertThatThrownBy(() ->
                        CAL.checkJobCreation("openai", "gpt-4o-mini-2024-07-18", Instant.parse("2027-01-06T00:00:00Z")))
                .isInstanceOf(JobCreationClosedException.class)
                .isInstanceOf(FineTuningUnavailableException.class)
                .hasMessageContaining("gpt-4o-mini-2024-07-18 at openai closed on 2027-01-06")
                .hasMessageContaining(ModelLifecycle.OPENAI_SOURCE)
                .hasMessageContaining("still take jobs on this model: azure (closes on 2027-04-01)")
                .hasMessageContaining("on their own base models: together, vertex")
                .satisfies(e -> {
                    JobCreationClosedException c = (JobCreationClosedException) e;
                    assertThat(c.closedOn()).isEqualTo(JAN_6);
                    assertThat(c.remainingProviders()).containsExactly("azure");
                    assertThat(c.otherProviders()).containsExactly("together", "vertex");
                    assertThat(c.provider()).isEqualTo("openai");
                });
        // the day before is fine, and so is Azure on that day
        CAL.checkJobCreation("openai", "gpt-4o-mini-2024-07-18", Instant.parse("2027-01-05T23:59:59Z"));
        CAL.checkJobCreation("azure", "gpt-4o-mini-2024-07-18", Instant.parse("2027-01-06T00:00:00Z"));
        // after Azure's training retirement no provider takes gpt-4o-mini any more
        assertThatThrownBy(() ->
                        CAL.checkJobCreation("azure", "gpt-4o-mini-2024-07-18", Instant.parse("2027-04-01T08:00:00Z")))
                .hasMessageContaining("closed on 2027-04-01")
                .hasMessageNotContaining("still take jobs on this model")
                .hasMessageContaining("on their own base models: together, vertex");
    }

    @Test
    void hostsAddAndOverrideRows() {
        LocalDate asOf = LocalDate.parse("2026-12-20");
        ModelLifecycle extended = CAL.with(
                new LifecycleEntry("openai", "*", LocalDate.parse("2027-02-01"), null, "https://example.com/a", asOf),
                new LifecycleEntry(
                        "openai",
                        "gpt-4o-mini-2024-07-18",
                        LocalDate.parse("2027-02-01"),
                        LocalDate.parse("2027-03-01"),
                        "https://example.com/a",
                        asOf),
                new LifecycleEntry(
                        "together",
                        "meta-llama/Llama-3.3-70B",
                        null,
                        LocalDate.parse("2027-06-30"),
                        "http://x.y",
                        asOf));

        assertThat(extended.takesJobs("openai", "gpt-4o-mini-2024-07-18", JAN_6))
                .isTrue();
        assertThat(extended.retires("openai", "gpt-4o-mini")).contains(LocalDate.parse("2027-03-01"));
        assertThat(extended.retires("together", "meta-llama/Llama-3.3-70B")).contains(LocalDate.parse("2027-06-30"));
        assertThat(extended.entries()).hasSize(CAL.entries().size() + 1);
        assertThat(CAL.takesJobs("openai", "gpt-4o-mini-2024-07-18", JAN_6))
                .as("the shipped calendar is unchanged")
                .isFalse();
        assertThat(ModelLifecycle.empty().takesJobs("openai", "gpt-4o-mini", JAN_6))
                .isTrue();
    }

    @Test
    void rowsAreValidated() {
        assertThatThrownBy(() -> new LifecycleEntry(
                        "Open AI", "", LocalDate.parse("2027-02-01"), LocalDate.parse("2027-01-01"), "ftp://x", null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("provider must be 1-64 characters")
                .hasMessageContaining("model")
                .hasMessageContaining("sourceUrl must be an http or https URL")
                .hasMessageContaining("asOf is required")
                .hasMessageContaining("retires must not be before jobCreationCloses");
    }

    @Test
    void warnsAboutADeployedVersionWithinTheWindow() {
        ModelVersion v = ModelVersion.builder(
                        "v3",
                        Instant.parse("2026-09-01T00:00:00Z"),
                        "gpt-4o-mini-2024-07-18",
                        new DatasetSnapshot("ab".repeat(32), List.of(ExampleId.next(1))))
                .fineTunedModel("ft:gpt-4o-mini-2024-07-18:acme:v3:abc")
                .provider("openai")
                .build();

        List<String> early = CAL.warnings(v, Instant.parse("2026-10-01T00:00:00Z"), Period.ofDays(60));
        assertThat(early).as("2027-01-14 is more than 60 days after 2026-10-01").isEmpty();

        List<String> soon = CAL.warnings(v, Instant.parse("2026-12-03T09:00:00Z"), Period.ofDays(60));
        assertThat(soon).hasSize(2);
        assertThat(soon.get(0))
                .contains("model version v3 (ft:gpt-4o-mini-2024-07-18:acme:v3:abc, base gpt-4o-mini-2024-07-18)")
                .contains("at openai retires on 2027-01-14 (in 42 days)");
        assertThat(soon.get(1)).contains("job creation for gpt-4o-mini-2024-07-18 at openai closes on 2027-01-06");

        ModelVersion atAzure = v.toBuilder().provider("azure").build();
        assertThat(CAL.warnings(atAzure, Instant.parse("2026-12-03T09:00:00Z"), Period.ofDays(60)))
                .isEmpty();
        ModelVersion unknown = v.toBuilder().provider(null).build();
        assertThat(CAL.warnings(unknown, Instant.parse("2026-12-03T09:00:00Z"), Period.ofDays(60)))
                .as("without a recorded provider every provider's rows count")
                .hasSize(2)
                .allMatch(w -> w.contains("at openai"));
    }
}
