package dev.tuneloop.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.ExampleImporter;
import dev.tuneloop.export.ExampleTables;
import dev.tuneloop.export.ImportFormat;
import dev.tuneloop.export.ImportOptions;
import dev.tuneloop.export.ImportProblem;
import dev.tuneloop.export.ImportReport;
import dev.tuneloop.export.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The data in and out of the store besides training files: {@code GET /admin/export/examples?format=csv|json} (the
 * examples as a table for spreadsheets and pandas) and {@code POST /admin/import} (golden examples written by experts).
 *
 * <p>The import reads the raw request body (CSV as {@code text/csv}, JSONL as {@code application/x-ndjson},
 * {@code application/jsonl} or {@code application/json}; UTF-8), bounded by the server's body limit, with query
 * parameters {@code format} (csv, supervised, trl_sft, gemini_sft), {@code source} (the file's name, required),
 * {@code skip_invalid}, {@code default_category}, {@code default_quality} and {@code imported_by} (else the logged-in
 * user or the default reviewer). The answer is the per-row report: 200 when stored, 422 when nothing was stored.
 */
final class DataEndpoints {
    private final @Nullable ExampleStore examples;
    private final @Nullable ExampleImporter importer;
    private final String defaultReviewer;

    DataEndpoints(AdminServer.Builder b) {
        this.examples = b.tableExamples;
        this.importer = b.importer;
        this.defaultReviewer = b.defaultReviewer;
    }

    List<Route> routes() {
        return List.of(Route.get("/admin/export/examples", this::table), Route.post("/admin/import", this::importRows));
    }

    private void table(Request r) throws IOException {
        r.query(Set.of("format"));
        ExampleStore store = examples;
        if (store == null) {
            throw HttpError.notConfigured("example tables are");
        }
        String raw = Objects.requireNonNullElse(r.param("format"), "csv").toLowerCase(Locale.ROOT);
        Tables.Format format;
        switch (raw) {
            case "csv" -> format = Tables.Format.CSV;
            case "json" -> format = Tables.Format.JSON;
            default ->
                throw HttpError.badRequest("format must be csv or json, but was '" + HttpError.shorten(raw) + "'");
        }
        // buffered, so a failing store is a proper error instead of a truncated 200
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            ExampleTables.builder(store).format(format).build().write(w);
        }
        r.exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"examples." + raw + "\"");
        Responses.bytes(
                r.exchange,
                200,
                format == Tables.Format.CSV ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                bytes.toByteArray());
    }

    private void importRows(Request r) throws IOException {
        r.query(Set.of("format", "source", "skip_invalid", "default_category", "default_quality", "imported_by"));
        ExampleImporter imp = importer;
        if (imp == null) {
            throw HttpError.notConfigured("import is");
        }
        ImportFormat format = format(r.param("format"));
        String source = r.param("source");
        if (source == null || source.isBlank()) {
            throw HttpError.badRequest(
                    "source is required: the imported file's name, kept as the examples' provenance");
        }
        String contentType =
                Objects.requireNonNullElse(r.exchange.getRequestHeaders().getFirst("Content-Type"), "");
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        Set<String> accepted = format == ImportFormat.CSV
                ? Set.of("text/csv", "text/plain")
                : Set.of("application/x-ndjson", "application/jsonl", "application/json", "text/plain");
        if (!accepted.contains(mime)) {
            throw new HttpError(
                    415,
                    "unsupported_media_type",
                    "Content-Type must be one of "
                            + String.join(", ", accepted.stream().sorted().toList())
                            + " for format " + format.name().toLowerCase(Locale.ROOT) + ", but was "
                            + (mime.isEmpty() ? "missing" : "'" + HttpError.shorten(mime) + "'"),
                    List.of(),
                    Map.of());
        }
        String importedBy = r.reviewer(r.param("imported_by"), "query parameter imported_by", defaultReviewer);
        ImportOptions.Builder options;
        try {
            options = ImportOptions.builder(format, importedBy, source)
                    .skipInvalid(bool(r.param("skip_invalid")))
                    .defaultQuality(
                            r.param("default_quality") == null
                                    ? null
                                    : QualityScore.of(r.intParam("default_quality", 1, 10, 1)));
            String category = r.param("default_category");
            if (category != null) {
                options.defaultCategory(Category.of(category));
            }
        } catch (ValidationException e) {
            throw new HttpError(400, "validation_failed", "the import settings are invalid", e.problems(), Map.of());
        }
        byte[] body = r.body();
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("the body must be UTF-8 text");
        }
        ImportReport report;
        try (Reader in = new StringReader(text)) {
            report = imp.importFrom(in, options.build());
        } catch (ValidationException e) {
            throw new HttpError(400, "validation_failed", "the import settings are invalid", e.problems(), Map.of());
        }
        Responses.json(r.exchange, report.committed() ? 200 : 422, json(report));
    }

    private static boolean bool(@Nullable String raw) {
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw HttpError.badRequest("skip_invalid must be true or false, but was '" + HttpError.shorten(raw) + "'");
    }

    private static ImportFormat format(@Nullable String raw) {
        String wanted = Objects.requireNonNullElse(raw, "csv")
                .trim()
                .toUpperCase(Locale.ROOT)
                .replace('-', '_');
        for (ImportFormat f : ImportFormat.values()) {
            if (f.name().equals(wanted)) {
                return f;
            }
        }
        throw HttpError.badRequest("format must be csv, supervised, trl_sft or gemini_sft, but was '"
                + HttpError.shorten(Objects.requireNonNullElse(raw, "")) + "'");
    }

    static ObjectNode json(ImportReport report) {
        ObjectNode n = Json.object();
        n.put("format", Json.lower(report.format()));
        n.put("source", report.sourceName());
        n.put("rows", report.rows());
        n.put("committed", report.committed());
        n.put("ok", report.ok());
        n.put("invalid_rows", report.invalidRows());
        n.put("held_out", report.heldOut());
        ArrayNode ids = n.putArray("imported");
        for (ExampleId id : report.imported()) {
            ids.add(id.toString());
        }
        ArrayNode problems = n.putArray("problems");
        for (ImportProblem p : report.problems()) {
            problems.addObject()
                    .put("line", p.line())
                    .put("field", p.field())
                    .put("rule", p.rule().code())
                    .put("message", p.message());
        }
        return n;
    }

    @Override
    public String toString() {
        return "DataEndpoints";
    }
}
