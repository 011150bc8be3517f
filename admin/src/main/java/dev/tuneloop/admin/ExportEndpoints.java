package dev.tuneloop.admin;

import com.sun.net.httpserver.Headers;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * {@code GET /admin/export/jsonl?min_quality=6}: the export is written to a file first (so that a failing export is
 * a proper error, not a truncated 200), then streamed chunked and deleted. The report's figures travel in
 * {@code X-Tuneloop-*} headers so the body stays the plain JSONL file.
 */
final class ExportEndpoints {
    /** The seed's minimum score when the request names none. */
    static final int DEFAULT_MIN_QUALITY = ExportOptions.DEFAULT_MIN_QUALITY;

    private final JsonlExporter exporter;
    private final IntFunction<ExportOptions> options;
    private final Path workDirectory;

    ExportEndpoints(AdminServer.Builder b) {
        this.exporter = b.exporter;
        this.options = b.exportOptions;
        this.workDirectory = b.workDirectory;
    }

    List<Route> routes() {
        return List.of(Route.get("/admin/export/jsonl", this::jsonl));
    }

    private void jsonl(Request r) throws IOException {
        r.query(Set.of("min_quality"));
        int minQuality = r.intParam("min_quality", 1, 10, DEFAULT_MIN_QUALITY);
        if (exporter == null) {
            throw HttpError.notConfigured("export is");
        }
        Files.createDirectories(workDirectory);
        Path dir = privateTempDirectory();
        Path file = dir.resolve("training.jsonl");
        try {
            ExportReport report = exporter.export(options.apply(minQuality), file);
            Headers h = r.exchange.getResponseHeaders();
            h.set("Content-Type", "application/x-ndjson; charset=utf-8");
            h.set("Content-Disposition", "attachment; filename=\"training-q" + minQuality + ".jsonl\"");
            h.set("X-Tuneloop-Examples", Long.toString(report.written()));
            h.set("X-Tuneloop-Min-Quality", Integer.toString(report.effectiveMinQuality()));
            h.set("X-Tuneloop-Tokens", Long.toString(report.tokens().total()));
            h.set(
                    "X-Tuneloop-Validation-Errors",
                    Long.toString(report.validation().errors()));
            h.set(
                    "X-Tuneloop-Validation-Warnings",
                    Long.toString(report.validation().warnings()));
            if (report.estimatedCostUsd() != null) {
                h.set("X-Tuneloop-Estimated-Cost-Usd", report.estimatedCostUsd().toPlainString());
            }
            r.exchange.sendResponseHeaders(200, 0); // 0: chunked, the file is streamed as it is read
            OutputStream out = r.exchange.getResponseBody();
            if (Files.exists(file)) {
                Files.copy(file, out);
            }
            // delete before the last chunk goes out, so a client that has the whole file never sees it on disk
            delete(file, dir);
            out.close();
        } finally {
            delete(file, dir);
        }
    }

    /** A fresh folder only this process's user can read: the export holds training data. */
    private Path privateTempDirectory() throws IOException {
        if (workDirectory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(
                    workDirectory,
                    "tuneloop-export-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(workDirectory, "tuneloop-export-");
    }

    private static void delete(Path file, Path dir) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }
}
