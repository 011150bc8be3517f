package dev.tuneloop.admin;

import dev.tuneloop.RetriableException;
import dev.tuneloop.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportEndpointsTest {
    @TempDir
    Path work;

    /** Writes {@code lines} lines naming the asked minimum, remembering the asks and the files it wrote. */
    static final class RecordingSource implements JsonlSource {
        final List<Integer> asked = new CopyOnWriteArrayList<>();
        final List<Path> files = new CopyOnWriteArrayList<>();
        final int lines;

        RecordingSource(int lines) {
            this.lines = lines;
        }

        @Override
        public long export(int minQuality, Path target) {
            asked.add(minQuality);
            files.add(target);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                sb.append("{\"messages\":[{\"role\":\"user\",\"content\":\"q").append(i)
                        .append(" ≥").append(minQuality).append("\"}]}\n");
            }
            try {
                Files.writeString(target, sb.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return lines;
        }
    }

    @Test
    void streams_the_export_as_chunked_ndjson_and_deletes_the_file() throws IOException {
        RecordingSource source = new RecordingSource(3000);
        try (Harness h = Harness.start(b -> b.export(source).workDirectory(work))) {
            HttpResponse<String> r = h.get("export/jsonl?min_quality=7");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
            assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
            assertThat(r.headers().firstValue("Content-Length")).isEmpty();
            assertThat(r.headers().firstValue("X-Tuneloop-Examples")).hasValue("3000");
            assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
            List<String> lines = r.body().lines().toList();
            assertThat(lines).hasSize(3000);
            assertThat(lines.get(0)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"q0 ≥7\"}]}");
            assertThat(source.asked).containsExactly(7);
            assertThat(source.files.get(0).getParent()).isEqualTo(work);
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void min_quality_defaults_to_the_seeds_6_and_is_checked() {
        RecordingSource source = new RecordingSource(1);
        try (Harness h = Harness.start(b -> b.export(source).workDirectory(work))) {
            assertThat(h.get("export/jsonl").statusCode()).isEqualTo(200);
            for (String bad : new String[] {"0", "11", "-1", "six", "6.5", ""}) {
                HttpResponse<String> r = h.get("export/jsonl?min_quality=" + bad);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(Harness.message(r)).contains("min_quality");
            }
            HttpResponse<String> unknown = h.get("export/jsonl?min_qualty=6");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(Harness.message(unknown)).contains("min_qualty");
            assertThat(source.asked).containsExactly(6);
        }
    }

    @Test
    void a_failing_export_is_an_error_not_a_truncated_file() throws IOException {
        JsonlSource invalid = (q, target) -> {
            throw new ValidationException(List.of("line 3: assistant content must not be empty",
                    "line 9: more than 65536 tokens"));
        };
        try (Harness h = Harness.start(b -> b.export(invalid).workDirectory(work))) {
            HttpResponse<String> r = h.get("export/jsonl?min_quality=6");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Harness.json(r).path("error").path("problems").size()).isEqualTo(2);
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).isEmpty();
            }
        }
        JsonlSource down = (q, target) -> {
            throw new RetriableException("example store is unavailable");
        };
        try (Harness h = Harness.start(b -> b.export(down).workDirectory(work))) {
            HttpResponse<String> r = h.get("export/jsonl?min_quality=6");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(Harness.code(r)).isEqualTo("unavailable");
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
