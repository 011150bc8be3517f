package dev.tuneloop.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void readsTheProvidersWords() {
        assertThat(JobStatus.fromWire("validating_files")).isEqualTo(JobStatus.VALIDATING_FILES);
        assertThat(JobStatus.fromWire("QUEUED")).isEqualTo(JobStatus.QUEUED);
        assertThat(JobStatus.fromWire("running")).isEqualTo(JobStatus.RUNNING);
        assertThat(JobStatus.fromWire("succeeded")).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(JobStatus.fromWire("failed")).isEqualTo(JobStatus.FAILED);
        assertThat(JobStatus.fromWire("cancelled")).isEqualTo(JobStatus.CANCELLED);
        assertThat(JobStatus.fromWire("canceled")).isEqualTo(JobStatus.CANCELLED);
        assertThat(JobStatus.fromWire("paused")).isEqualTo(JobStatus.UNKNOWN);
        // Together AI's words for the same states
        assertThat(JobStatus.fromWire("pending")).isEqualTo(JobStatus.QUEUED);
        assertThat(JobStatus.fromWire("compressing")).isEqualTo(JobStatus.RUNNING);
        assertThat(JobStatus.fromWire("uploading")).isEqualTo(JobStatus.RUNNING);
        assertThat(JobStatus.fromWire("cancel_requested")).isEqualTo(JobStatus.RUNNING);
        assertThat(JobStatus.fromWire("completed")).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(JobStatus.fromWire("error")).isEqualTo(JobStatus.FAILED);
        assertThat(JobStatus.fromWire("user_error")).isEqualTo(JobStatus.FAILED);
        assertThat(JobStatus.fromWire(null)).isEqualTo(JobStatus.UNKNOWN);
    }

    @Test
    void onlyFinishedStatusesAreTerminal() {
        assertThat(JobStatus.values())
                .filteredOn(JobStatus::isTerminal)
                .containsExactlyInAnyOrder(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED);
    }

    @Property
    void anyTextMapsToAStatusWithoutThrowing(@ForAll String raw) {
        JobStatus s = JobStatus.fromWire(raw);
        assertThat(s).isNotNull();
        java.util.Set<String> aliases = java.util.Set.of(
                "canceled",
                "pending",
                "compressing",
                "uploading",
                "cancel_requested",
                "completed",
                "error",
                "user_error");
        if (s != JobStatus.UNKNOWN && !aliases.contains(raw.trim().toLowerCase(java.util.Locale.ROOT))) {
            assertThat(raw.trim()).isEqualToIgnoringCase(s.wire());
        }
    }

    @Test
    void aJobKeepsAnUnknownStatusAsText() {
        FineTuneJob job = FineTuneJob.builder("ftjob-1", "m", "pausing", Instant.EPOCH, "file-1")
                .build();
        assertThat(job.status()).isEqualTo(JobStatus.UNKNOWN);
        assertThat(job.rawStatus()).isEqualTo("pausing");
        assertThat(job.isTerminal()).isFalse();
        assertThat(job.describe()).isEqualTo("job ftjob-1 is \"pausing\"");
        assertThat(job.toBuilder().status(JobStatus.FAILED).build().describe()).isEqualTo("job ftjob-1 is FAILED");
    }

    @Test
    void statusMustMatchRawStatus() {
        assertThatThrownBy(() -> new FineTuneJob(
                        "ftjob-1",
                        "m",
                        JobStatus.RUNNING,
                        "queued",
                        Instant.EPOCH,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Hyperparameters.AUTO,
                        FineTuneMethod.SUPERVISED,
                        null,
                        "f",
                        null))
                .hasMessageContaining(
                        "status must match rawStatus, but status was RUNNING and rawStatus was \"queued\"");
    }
}
