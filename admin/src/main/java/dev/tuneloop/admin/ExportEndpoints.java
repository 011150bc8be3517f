package dev.tuneloop.admin;

import com.sun.net.httpserver.Headers;
import dev.tuneloop.export.ExportFormat;
import dev.tuneloop.export.ExportOptions;
import dev.tuneloop.export.ExportReport;
import dev.tuneloop.export.JsonlExporter;
import dev.tuneloop.export.TrainerSidecars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/export/jsonl?min_quality=6&format=trl_sft}: the export (in the preset named by {@code format}, an
 * {@link ExportFormat} name or file stem such as {@code trl-sft}; default the configured options' format) is written to a file first (so that a failing export is
 * a proper error, not a truncated 200), then streamed chunked and deleted. The report's figures travel in
 * {@code X-Tuneloop-*} headers so the body stays the plain JSONL file.
 *
 * <p>Each export has its own {@code tuneloop-export-<random>} folder under the work directory. A process killed
 * mid-export leaves its folder behind, so the server removes such folders that nobody has modified for
 * {@link #STALE_AFTER} when it starts and before each export.
 */
final class ExportEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** The seed's minimum score when the request names none. */
    static final int DEFAULT_MIN_QUALITY = ExportOptions.DEFAULT_MIN_QUALITY;
    /** How long an export folder must be left unmodified before it counts as abandoned. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final String FOLDER_PREFIX = "tuneloop-export-";
    private static final Pattern FOLDER = Pattern.compile(Pattern.quote(FOLDER_PREFIX) + "[0-9]+");

    private final @Nullable JsonlExporter exporter;
    private final @Nullable IntFunction<ExportOptions> options;
    private final Path workDirectory;

    ExportEndpoints(AdminServer.Builder b) {
        this.exporter = b.exporter;
        this.options = b.exportOptions;
        this.workDirectory = b.workDirectory;
        if (exporter != null) {
            removeAbandonedFolders(workDirectory, Instant.now());
        }
    }

    List<Route> routes() {
        return List.of(
                Route.get("/admin/export/jsonl", this::jsonl), Route.get("/admin/export/sidecar", this::sidecar));
    }

    /** The preset a request names in {@code format}: an {@link ExportFormat} name or file stem, any case. */
    static @Nullable ExportFormat format(Request r) {
        String raw = r.param("format");
        if (raw == null) {
            return null;
        }
        String wanted = raw.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ExportFormat f : ExportFormat.values()) {
            if (f.fileStem().equals(wanted)
                    || f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(wanted)) {
                return f;
            }
        }
        throw HttpError.badRequest("format must be one of "
                + Stream.of(ExportFormat.values())
                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))
                + ", but was '" + HttpError.shorten(raw) + "'");
    }

    /**
     * The configured options for {@code minQuality}, in the preset the request names, with the reviewers' marked pairs
     * when it asks for them ({@code marked_pairs=true}; a preference preset and an exporter that reads the store's
     * pairs are needed, or the answer is a 400 naming the rule).
     */
    private ExportOptions options(Request r, int minQuality) {
        ExportOptions base = Objects.requireNonNull(options, "options are set with the exporter")
                .apply(minQuality);
        ExportFormat f = format(r);
        boolean marked = markedPairs(r);
        if ((f == null || f == base.format()) && !marked) {
            return base;
        }
        ExportOptions.Builder chosen = base.toBuilder();
        if (f != null) {
            chosen.format(f);
        }
        if (marked) {
            chosen.includeMarkedPairs(true);
        }
        return chosen.build();
    }

    /** {@code marked_pairs}: {@code true}, {@code false} or absent (false). */
    private static boolean markedPairs(Request r) {
        String raw = r.param("marked_pairs");
        if (raw == null || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw HttpError.badRequest("marked_pairs must be true or false, but was '" + HttpError.shorten(raw) + "'");
    }

    private void jsonl(Request r) throws IOException {
        r.query(Set.of("min_quality", "format", "marked_pairs"));
        int minQuality = r.intParam("min_quality", 1, 10, DEFAULT_MIN_QUALITY);
        if (exporter == null) {
            throw HttpError.notConfigured("export is");
        }
        ExportOptions chosen = options(r, minQuality);
        Files.createDirectories(workDirectory);
        removeAbandonedFolders(workDirectory, Instant.now());
        Path dir = privateTempDirectory();
        Path file = dir.resolve("training.jsonl");
        try {
            ExportReport report = exporter.export(chosen, file);
            String name = r.param("format") == null
                    ? "training-q" + minQuality + ".jsonl"
                    : chosen.format().fileStem() + "-q" + minQuality + ".jsonl";
            Headers h = r.exchange.getResponseHeaders();
            h.set("Content-Type", "application/x-ndjson; charset=utf-8");
            h.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
            h.set("X-Tuneloop-Format", chosen.format().name());
            h.set("X-Tuneloop-Examples", Long.toString(report.written()));
            h.set("X-Tuneloop-Min-Quality", Integer.toString(report.effectiveMinQuality()));
            h.set("X-Tuneloop-Tokens", Long.toString(report.tokens().total()));
            h.set(
                    "X-Tuneloop-Validation-Errors",
                    Long.toString(report.validation().errors()));
            h.set(
                    "X-Tuneloop-Validation-Warnings",
                    Long.toString(report.validation().warnings()));
            if (chosen.format().isKto()) {
                h.set("X-Tuneloop-Desirable", Long.toString(report.validation().desirable()));
                h.set(
                        "X-Tuneloop-Undesirable",
                        Long.toString(report.validation().undesirable()));
            }
            if (chosen.includeMarkedPairs()) {
                h.set("X-Tuneloop-Marked-Pairs", Long.toString(report.marked().written()));
            }
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
            ReadDeadlines.drain(out::close);
        } finally {
            delete(file, dir);
        }
    }

    /**
     * {@code GET /admin/export/sidecar?format=…&kind=axolotl|llama-factory|dataset-card}: the trainer sidecar of a
     * preset's file. The dataset card runs the export (to a private temporary file, deleted at once) for its counts and
     * content hash.
     */
    private void sidecar(Request r) throws IOException {
        r.query(Set.of("min_quality", "format", "kind", "language", "marked_pairs"));
        int minQuality = r.intParam("min_quality", 1, 10, DEFAULT_MIN_QUALITY);
        if (exporter == null) {
            throw HttpError.notConfigured("export is");
        }
        ExportOptions chosen = options(r, minQuality);
        String stem = chosen.format().fileStem();
        String kind = Objects.requireNonNullElse(r.param("kind"), "dataset-card");
        String body;
        String type;
        String name;
        try {
            switch (kind) {
                case "axolotl" -> {
                    body = TrainerSidecars.axolotl(chosen.format(), "data/" + stem + ".jsonl");
                    type = "application/yaml; charset=utf-8";
                    name = stem + ".axolotl.yml";
                }
                case "llama-factory" -> {
                    body = switch (chosen.format()) {
                        case CHAT_PREFERENCE -> TrainerSidecars.llamaFactoryChatPreference(stem + ".jsonl");
                        case CHAT_KTO -> TrainerSidecars.llamaFactoryChatKto(stem + ".jsonl");
                        default -> TrainerSidecars.llamaFactory(chosen.format(), stem + ".jsonl");
                    };
                    type = "application/json; charset=utf-8";
                    name = stem + ".dataset_info.json";
                }
                case "dataset-card" -> {
                    String language = Objects.requireNonNullElse(r.param("language"), "en");
                    if (!language.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")) {
                        throw HttpError.badRequest("language must be a language code such as en or pt-BR");
                    }
                    body = datasetCard(chosen, language);
                    type = "text/markdown; charset=utf-8";
                    name = stem + ".README.md";
                }
                default ->
                    throw HttpError.badRequest("kind must be axolotl, llama-factory or dataset-card, but was '"
                            + HttpError.shorten(kind) + "'");
            }
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(Objects.requireNonNullElse(e.getMessage(), "no sidecar for this format"));
        }
        r.exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + name + "\"");
        Responses.bytes(r.exchange, 200, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private String datasetCard(ExportOptions chosen, String language) throws IOException {
        JsonlExporter ex = Objects.requireNonNull(exporter, "exporter");
        Files.createDirectories(workDirectory);
        Path dir = privateTempDirectory();
        Path file = dir.resolve("training.jsonl");
        try {
            ExportReport report = ex.export(chosen, file);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                        sha.update(buf, 0, n);
                    }
                }
            }
            String version = Objects.requireNonNullElse(
                    ExportReport.class.getPackage().getImplementationVersion(), "development");
            return TrainerSidecars.datasetCard(
                    report, version, language, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        } finally {
            delete(file, dir);
        }
    }

    /** A fresh folder only this process's user can read: the export holds training data. */
    private Path privateTempDirectory() throws IOException {
        if (workDirectory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(
                    workDirectory,
                    FOLDER_PREFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory(workDirectory, FOLDER_PREFIX);
    }

    /**
     * Removes the export folders under {@code work} (named {@code tuneloop-export-<digits>}, holding only files) whose
     * newest modification, of the folder or a file in it, is older than {@link #STALE_AFTER}. Never fails: what cannot
     * be removed now is left for the next time.
     *
     * @return how many folders were removed
     */
    static int removeAbandonedFolders(Path work, Instant now) {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(work)) {
            s.filter(p -> FOLDER.matcher(p.getFileName().toString()).matches()
                            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(folders::add);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list {} for abandoned export folders: {}", work, e.toString());
            return 0;
        }
        int removed = 0;
        for (Path folder : folders) {
            try {
                Instant newest = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS)
                        .toInstant();
                List<Path> files = new ArrayList<>();
                boolean onlyFiles = true;
                try (Stream<Path> s = Files.list(folder)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                            onlyFiles = false;
                            break;
                        }
                        files.add(p);
                        Instant t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS)
                                .toInstant();
                        if (t.isAfter(newest)) {
                            newest = t;
                        }
                    }
                }
                if (!onlyFiles || newest.plus(STALE_AFTER).isAfter(now)) {
                    continue;
                }
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(folder);
                removed++;
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot remove abandoned export folder {}: {}", folder.getFileName(), e.toString());
            }
        }
        if (removed > 0) {
            LOG.info("removed {} export folder(s) left by exports that were stopped mid-write", removed);
        }
        return removed;
    }

    private static void delete(Path file, Path dir) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }
}
