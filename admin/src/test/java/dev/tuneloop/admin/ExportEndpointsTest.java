package dev.tuneloop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.errors.ConflictException;
import dev.tuneloop.errors.NotFoundException;
import dev.tuneloop.errors.RetriableException;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportEndpointsTest {
    @TempDir
    Path work;

    /** Approves 24 interactions scored 5..10 in turn; returns the training-split ones scored at least {@code min}. */
    private static List<TrainingExample> approveSome(Harness h, int min) {
        for (int i = 0; i < 24; i++) {
            h.approve(
                    h.record(
                            "Question number " + i + " about revenue?",
                            "Answer number " + i + " is $" + i + "B.",
                            i % 3 == 0 ? "Edited answer number " + i + " is $" + i + ".0B." : null,
                            10 + i),
                    5 + i % 6);
        }
        List<TrainingExample> expected = new ArrayList<>();
        h.store.examples().scan(ExampleQuery.approved().withSplit(Split.TRAIN).withMinQuality(min), expected::add);
        return expected;
    }

    @Test
    void streams_the_export_as_chunked_ndjson_and_deletes_the_file() throws IOException {
        try (Harness h = Harness.start(
                (hh, b) -> b.export(JsonlExporter.create(hh.store.examples())).workDirectory(work))) {
            List<TrainingExample> expected = approveSome(h, 8);
            assertThat(expected).isNotEmpty();
            HttpResponse<String> r = h.get("export/jsonl?min_quality=8");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
            assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
            assertThat(r.headers().firstValue("Content-Length")).isEmpty();
            assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                    .contains("attachment");
            assertThat(r.headers().firstValue("X-Tuneloop-Examples")).hasValue(Integer.toString(expected.size()));
            assertThat(r.headers().firstValue("X-Tuneloop-Min-Quality")).hasValue("8");
            assertThat(Long.parseLong(
                            r.headers().firstValue("X-Tuneloop-Tokens").orElseThrow()))
                    .isPositive();

            List<String> lines = r.body().lines().toList();
            assertThat(lines).hasSize(expected.size());
            List<String> answers = new ArrayList<>();
            for (String line : lines) {
                JsonNode messages = Harness.JSON.readTree(line).path("messages");
                answers.add(messages.get(messages.size() - 1).path("content").asText());
            }
            assertThat(answers)
                    .containsExactlyInAnyOrderElementsOf(expected.stream()
                            .map(TrainingExample::trainingResponse)
                            .toList());
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void min_quality_defaults_to_the_seeds_6_and_is_checked() {
        try (Harness h = Harness.start(
                (hh, b) -> b.export(JsonlExporter.create(hh.store.examples())).workDirectory(work))) {
            List<TrainingExample> expected = approveSome(h, 6);
            HttpResponse<String> dflt = h.get("export/jsonl");
            assertThat(dflt.statusCode()).isEqualTo(200);
            assertThat(dflt.headers().firstValue("X-Tuneloop-Examples")).hasValue(Integer.toString(expected.size()));
            for (String bad : new String[] {"0", "11", "-1", "six", "6.5", ""}) {
                HttpResponse<String> r = h.get("export/jsonl?min_quality=" + bad);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(Harness.message(r)).contains("min_quality");
            }
            HttpResponse<String> unknown = h.get("export/jsonl?min_qualty=6");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(Harness.message(unknown)).contains("min_qualty");
        }
    }

    @Test
    void an_empty_training_set_is_an_empty_file_with_its_validation_figures() {
        try (Harness h = Harness.start(
                (hh, b) -> b.export(JsonlExporter.create(hh.store.examples())).workDirectory(work))) {
            HttpResponse<String> r = h.get("export/jsonl?min_quality=6");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            assertThat(r.headers().firstValue("X-Tuneloop-Examples")).hasValue("0");
            assertThat(r.headers().firstValue("X-Tuneloop-Validation-Warnings")).isPresent();
            assertThat(Long.parseLong(r.headers()
                            .firstValue("X-Tuneloop-Validation-Errors")
                            .orElseThrow()))
                    .isPositive(); // fewer than the provider's minimum of examples
        }
    }

    @Test
    void a_failing_export_is_an_error_not_a_truncated_file() throws IOException {
        // a validation split needs two outputs: the exporter refuses the options
        try (Harness h = Harness.start((hh, b) -> b.export(
                        JsonlExporter.create(hh.store.examples()),
                        q -> ExportOptions.builder()
                                .minQuality(q)
                                .validationShare(0.2)
                                .build())
                .workDirectory(work))) {
            HttpResponse<String> r = h.get("export/jsonl?min_quality=6");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Harness.code(r)).isEqualTo("validation_failed");
            assertThat(Harness.json(r).path("error").path("problems").get(0).asText())
                    .contains("validationShare");
        }
        try (Harness h = Harness.start(b -> b.export(JsonlExporter.create(
                        new FailingExampleStore(() -> new RetriableException("example store is unavailable"))))
                .workDirectory(work))) {
            HttpResponse<String> r = h.get("export/jsonl?min_quality=6");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(Harness.code(r)).isEqualTo("unavailable");
        }
        try (Harness h = Harness.start(b -> b.export(JsonlExporter.create(
                        new FailingExampleStore(() -> new NotFoundException("table training_examples does not exist"))))
                .workDirectory(work))) {
            HttpResponse<String> r = h.get("export/jsonl");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(Harness.message(r)).isEqualTo("table training_examples does not exist");
        }
        try (Harness h = Harness.start(b -> b.export(JsonlExporter.create(
                        new FailingExampleStore(() -> new ConflictException("an export is already running"))))
                .workDirectory(work))) {
            HttpResponse<String> r = h.get("export/jsonl");
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(Harness.code(r)).isEqualTo("conflict");
        }
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void the_export_is_written_in_a_folder_only_the_owner_can_read() {
        AtomicReference<Set<PosixFilePermission>> seen = new AtomicReference<>();
        try (Harness h = Harness.start((hh, b) -> {
            JsonlExporter real = JsonlExporter.create(hh.store.examples());
            JsonlExporter watching = new JsonlExporter() {
                @Override
                public ExportReport export(ExportOptions options, OutputStream out) {
                    return real.export(options, out);
                }

                @Override
                public ExportReport export(ExportOptions options, Path file) {
                    try {
                        seen.set(Files.getPosixFilePermissions(file.getParent()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return real.export(options, file);
                }

                @Override
                public ExportReport export(ExportOptions options, OutputStream train, OutputStream validation) {
                    return real.export(options, train, validation);
                }

                @Override
                public ExportReport export(ExportOptions options, Path trainFile, Path validationFile) {
                    return real.export(options, trainFile, validationFile);
                }
            };
            return b.export(watching).workDirectory(work);
        })) {
            Assumptions.assumeTrue(
                    work.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
            assertThat(h.get("export/jsonl").statusCode()).isEqualTo(200);
            assertThat(seen.get())
                    .containsExactlyInAnyOrder(
                            PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE);
        }
    }

    private static Path leftover(Path dir, String name, java.time.Duration age) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Files.write(f, new byte[4096]);
        java.nio.file.attribute.FileTime t =
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(age));
        Files.setLastModifiedTime(f, t);
        Files.setLastModifiedTime(dir, t);
        return dir;
    }

    @Test
    void folders_left_by_exports_killed_mid_write_are_removed_at_start_and_by_later_exports() throws IOException {
        java.time.Duration old = java.time.Duration.ofHours(2);
        Path stale = leftover(work.resolve("tuneloop-export-4470093121598761203"), ".training.jsonl.1.tmp", old);
        Path recent = leftover(
                work.resolve("tuneloop-export-17"), ".training.jsonl.tuneloop-2.tmp", java.time.Duration.ofMinutes(1));
        Path notOurs = leftover(work.resolve("someone-else-4470093121598761203"), "data.bin", old);
        try (Harness h = Harness.start(
                (hh, b) -> b.export(JsonlExporter.create(hh.store.examples())).workDirectory(work))) {
            assertThat(stale).as("removed when the server starts").doesNotExist();
            assertThat(recent)
                    .as("an export that may still be running is left alone")
                    .exists();
            assertThat(notOurs).exists();

            Path later = leftover(work.resolve("tuneloop-export-99"), "training.jsonl", old);
            approveSome(h, 6);
            assertThat(h.get("export/jsonl").statusCode()).isEqualTo(200);
            assertThat(later).as("removed by the next export").doesNotExist();
            assertThat(recent).exists();
            assertThat(notOurs).exists();
        }
    }

    @Test
    void without_an_export_part_the_endpoint_says_not_configured() {
        try (Harness h = Harness.start()) {
            HttpResponse<String> r = h.get("export/jsonl?min_quality=6");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(Harness.code(r)).isEqualTo("not_configured");
        }
    }
}
