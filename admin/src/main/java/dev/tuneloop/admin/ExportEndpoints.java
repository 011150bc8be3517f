package dev.tuneloop.admin;

import com.sun.net.httpserver.Headers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /admin/export/jsonl?min_quality=6}: the export is written to a file first (so that a failing export is
 * a proper error, not a truncated 200), then streamed chunked and deleted.
 */
final class ExportEndpoints {
    /** The seed's minimum score when the request names none. */
    static final int DEFAULT_MIN_QUALITY = 6;

    private final JsonlSource export;
    private final Path workDirectory;

    ExportEndpoints(AdminServer.Builder b) {
        this.export = b.export;
        this.workDirectory = b.workDirectory;
    }

    List<Route> routes() {
        return List.of(Route.get("/admin/export/jsonl", this::jsonl));
    }

    private void jsonl(Request r) throws IOException {
        r.query(Set.of("min_quality"));
        int minQuality = r.intParam("min_quality", 1, 10, DEFAULT_MIN_QUALITY);
        if (export == null) {
            throw HttpError.notConfigured("export is");
        }
        Files.createDirectories(workDirectory);
        Path file = Files.createTempFile(workDirectory, "tuneloop-export-", ".jsonl");
        try {
            long lines = export.export(minQuality, file);
            Headers h = r.exchange.getResponseHeaders();
            h.set("Content-Type", "application/x-ndjson; charset=utf-8");
            h.set("Content-Disposition", "attachment; filename=\"training-q" + minQuality + ".jsonl\"");
            h.set("X-Tuneloop-Examples", Long.toString(lines));
            r.exchange.sendResponseHeaders(200, 0); // 0: chunked, the file is streamed as it is read
            try (OutputStream out = r.exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
