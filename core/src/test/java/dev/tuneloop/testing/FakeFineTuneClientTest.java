package dev.tuneloop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.testing.FakeFineTuneClient.Operation;
import dev.tuneloop.tune.Checkpoint;
import dev.tuneloop.tune.FineTuneJob;
import dev.tuneloop.tune.FineTuneRequest;
import dev.tuneloop.tune.JobEvent;
import dev.tuneloop.tune.JobStatus;
import dev.tuneloop.tune.ModelInfo;
import dev.tuneloop.tune.UploadedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeFineTuneClientTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final FakeFineTuneClient fake = FakeFineTuneClient.create(CLOCK);

    private UploadedFile upload(String content) throws Exception {
        Path f = dir.resolve("train.jsonl");
        Files.writeString(f, content);
        return fake.upload(f);
    }

    @Test
    void recordsUploadsWithTheirBytes() throws Exception {
        UploadedFile f = upload("{\"messages\":[]}\n");
        assertThat(f.id()).isEqualTo("file-1");
        assertThat(f.purpose()).isEqualTo("fine-tune");
        assertThat(f.bytes()).isEqualTo(16);
        assertThat(fake.uploads()).singleElement().satisfies(u -> {
            assertThat(u.text()).isEqualTo("{\"messages\":[]}\n");
            assertThat(u.file()).isEqualTo(f);
        });
    }

    @Test
    void anUploadIsAValueOverItsBytesAndNeverShowsThem() throws Exception {
        UploadedFile f = upload("secret line\n");
        byte[] bytes = "secret line\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FakeFineTuneClient.Upload u = new FakeFineTuneClient.Upload(f, bytes);
        bytes[0] = 'S'; // copied in
        assertThat(u)
                .isEqualTo(fake.uploads().get(0))
                .hasSameHashCodeAs(fake.uploads().get(0));
        assertThat(u).isNotEqualTo(new FakeFineTuneClient.Upload(f, bytes));
        u.bytes()[0] = 'S'; // copied out
        assertThat(u.text()).isEqualTo("secret line\n");
        assertThat(u.toString()).endsWith(", bytes=12]").doesNotContain("secret");
    }

    @Test
    void walksTheScriptOneStepPerGetAndStaysOnTheLast() throws Exception {
        UploadedFile f = upload("x");
        FineTuneJob job =
                fake.create(FineTuneRequest.builder("m", f.id()).suffix("s").build());
        assertThat(job.status()).isEqualTo(JobStatus.VALIDATING_FILES);
        assertThat(fake.get(job.id()).status()).isEqualTo(JobStatus.QUEUED);
        assertThat(fake.get(job.id()).status()).isEqualTo(JobStatus.RUNNING);
        FineTuneJob done = fake.get(job.id());
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.fineTunedModel()).isEqualTo("ft:m:fake:s:ftjob-1");
        assertThat(done.finishedAt()).isEqualTo(CLOCK.instant());
        assertThat(fake.get(job.id())).isEqualTo(done);
        assertThat(fake.listModels()).extracting(ModelInfo::id).contains("ft:m:fake:s:ftjob-1");
        assertThat(fake.events(job.id()))
                .extracting(JobEvent::message)
                .containsExactly(
                        "status is now validating_files",
                        "status is now queued",
                        "status is now running",
                        "status is now succeeded");
    }

    @Test
    void rescriptsAJobAndCancels() throws Exception {
        UploadedFile f = upload("x");
        FineTuneJob job = fake.create(FineTuneRequest.builder("m", f.id()).build());
        fake.script(job.id(), "paused");
        assertThat(fake.get(job.id()).rawStatus()).isEqualTo("paused");
        assertThat(fake.cancel(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThatThrownBy(() -> fake.cancel(job.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("job ftjob-1 is CANCELLED and cannot be cancelled");
        assertThat(fake.cancels()).containsExactly(job.id(), job.id());
    }

    @Test
    void queuedFailuresAreThrownInOrderAndCounted() throws Exception {
        fake.failNext(Operation.UPLOAD, new RetriableException("first"))
                .failNext(Operation.UPLOAD, new RetriableException("second"));
        assertThatThrownBy(() -> upload("x")).hasMessage("first");
        assertThatThrownBy(() -> upload("x")).hasMessage("second");
        assertThat(upload("x").id()).isEqualTo("file-1");
        assertThat(fake.calls(Operation.UPLOAD)).isEqualTo(3);
    }

    @Test
    void refusesUnknownFilesAndJobs() {
        assertThatThrownBy(
                        () -> fake.create(FineTuneRequest.builder("m", "file-9").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("file-9");
        assertThatThrownBy(() -> fake.get("ftjob-9")).isInstanceOf(NotFoundException.class);
        assertThat(fake.createRequests()).hasSize(1);
    }

    @Test
    void listsCheckpointsByStepAndJobsNewestFirst() throws Exception {
        UploadedFile f = upload("x");
        FineTuneJob a = fake.create(FineTuneRequest.builder("m", f.id()).build());
        FineTuneJob b = fake.create(FineTuneRequest.builder("m", f.id()).build());
        fake.addCheckpoint(a.id(), 20, Map.of("train_loss", 0.2));
        fake.addCheckpoint(a.id(), 10, Map.of("train_loss", 0.4));
        assertThat(fake.checkpoints(a.id())).extracting(Checkpoint::stepNumber).containsExactly(10L, 20L);
        assertThat(fake.listJobs()).extracting(FineTuneJob::id).containsExactly(b.id(), a.id());
    }
}
