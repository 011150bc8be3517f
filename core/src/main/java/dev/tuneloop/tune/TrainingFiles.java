package dev.tuneloop.tune;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.TuneloopException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The training files Tuneloop writes for launches ({@link TrainingDataSource#fromExporter}), and how erasure finds and
 * removes a user's lines in them.
 *
 * <p>Beside every JSONL file it writes, the data source writes a manifest named like the file plus
 * {@value #MANIFEST_SUFFIX}: a header line {@code # tuneloop example ids; dataset-sha256=<hex>} (the SHA-256 of the
 * launch's training file as written, i.e. the model version's {@link DatasetSnapshot#contentSha256()}), then the id of
 * the example on each line of the file, in line order. The manifest holds ids only, no text.
 *
 * <p>{@link #erase} reads the manifests of a directory and rewrites (or deletes) every file that holds one of the
 * given examples. Each rewrite goes through a temporary file in the same directory and an atomic rename, the JSONL
 * file first, then its manifest. Not thread-safe against a launch writing into the same directory at the same moment.
 */
public final class TrainingFiles {

    /** The suffix added to a training file's name for its manifest: {@value}. */
    public static final String MANIFEST_SUFFIX = ".ids";

    private static final String HEADER = "# tuneloop example ids; dataset-sha256=";

    private TrainingFiles() {}

    /**
     * What {@link #erase} did to a directory.
     *
     * @param rewritten      files rewritten without the erased examples' lines
     * @param deleted        files deleted (with their manifests)
     * @param datasetSha256s the {@code dataset-sha256} of every manifest that named an erased example: the model
     *                       versions trained from those files (their training and validation uploads held the examples)
     * @param unchecked      files that may hold the examples but could not be checked or changed, with the reason
     *                       (never the content): JSONL files without a manifest, files whose line count differs from
     *                       their manifest, temporary files of an interrupted export, files that could not be written
     */
    public record Result(
            List<Path> rewritten, List<Path> deleted, Set<String> datasetSha256s, Map<Path, String> unchecked) {
        /**
         * Copies the parts.
         *
         * @param rewritten      files rewritten
         * @param deleted        files deleted
         * @param datasetSha256s the dataset hashes of the manifests that named an erased example
         * @param unchecked      files that could not be checked or changed, with the reason
         * @throws NullPointerException when a part is null
         */
        public Result {
            rewritten = List.copyOf(rewritten);
            deleted = List.copyOf(deleted);
            datasetSha256s = Set.copyOf(datasetSha256s);
            unchecked = Map.copyOf(unchecked);
        }
    }

    /** Writes the manifest of {@code jsonl}: the dataset hash, then one example id per line of the file. */
    static void writeManifest(Path jsonl, List<ExampleId> ids, String datasetSha256) {
        List<String> lines = new ArrayList<>(ids.size() + 1);
        lines.add(HEADER + datasetSha256);
        ids.forEach(id -> lines.add(id.toString()));
        try {
            replace(manifestOf(jsonl), lines);
        } catch (IOException e) {
            throw new TuneloopException("could not write the example-id manifest of " + jsonl.getFileName(), e);
        }
    }

    /**
     * The manifest of a training file.
     *
     * @param jsonl the training file
     * @return the path of its manifest (which may not exist)
     */
    public static Path manifestOf(Path jsonl) {
        return jsonl.resolveSibling(jsonl.getFileName() + MANIFEST_SUFFIX);
    }

    /**
     * Removes the lines of {@code exampleIds} from every training file in {@code directory} (not its subdirectories)
     * whose manifest names one of them, or deletes such files with their manifests when {@code delete} is true.
     * Problems with single files are listed in {@link Result#unchecked()}, not thrown, so one bad file does not stop the
     * rest.
     *
     * @param directory  where the data source wrote its files; a missing directory holds nothing
     * @param exampleIds the erased examples
     * @param delete     delete affected files instead of rewriting them
     * @return what was done
     * @throws TuneloopException when the directory cannot be listed
     */
    public static Result erase(Path directory, Collection<ExampleId> exampleIds, boolean delete) {
        Objects.requireNonNull(directory, "directory");
        Set<String> ids = new LinkedHashSet<>();
        exampleIds.forEach(id -> ids.add(id.toString()));
        List<Path> rewritten = new ArrayList<>();
        List<Path> deleted = new ArrayList<>();
        Set<String> datasets = new LinkedHashSet<>();
        Map<Path, String> unchecked = new LinkedHashMap<>();
        if (!Files.isDirectory(directory)) {
            return new Result(rewritten, deleted, datasets, unchecked);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new TuneloopException("could not list the training files in " + directory, e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".tmp") && name.contains(".tuneloop-")) {
                unchecked.put(file, "temporary file of an export that did not finish; it may hold any example's text");
                continue;
            }
            if (!name.endsWith(".jsonl")) {
                continue;
            }
            Path manifest = manifestOf(file);
            if (!Files.isRegularFile(manifest)) {
                unchecked.put(file, "no example-id manifest, so Tuneloop cannot tell which examples it holds");
                continue;
            }
            try {
                List<String> m = Files.readAllLines(manifest, StandardCharsets.UTF_8);
                if (m.isEmpty() || !m.get(0).startsWith(HEADER)) {
                    unchecked.put(file, "its manifest has no Tuneloop header");
                    continue;
                }
                List<String> lineIds = m.subList(1, m.size());
                if (lineIds.stream().noneMatch(ids::contains)) {
                    continue;
                }
                datasets.add(m.get(0).substring(HEADER.length()).trim());
                if (delete) {
                    Files.delete(file);
                    Files.deleteIfExists(manifest);
                    deleted.add(file);
                    continue;
                }
                String problem = rewrite(file, m.get(0), lineIds, ids);
                if (problem == null) {
                    rewritten.add(file);
                } else {
                    unchecked.put(file, problem);
                }
            } catch (IOException e) {
                unchecked.put(
                        file, "could not be read or written: " + e.getClass().getSimpleName());
            }
        }
        return new Result(rewritten, deleted, datasets, unchecked);
    }

    /** @return null when rewritten, else why the file was left as it is */
    private static @Nullable String rewrite(Path file, String header, List<String> lineIds, Set<String> erased)
            throws IOException {
        List<String> kept = new ArrayList<>();
        List<String> keptIds = new ArrayList<>();
        keptIds.add(header);
        int line = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (line >= lineIds.size()) {
                    return "it has more lines than its manifest names, so its lines cannot be matched to examples";
                }
                if (!erased.contains(lineIds.get(line))) {
                    kept.add(l);
                    keptIds.add(lineIds.get(line));
                }
                line++;
            }
        }
        if (line != lineIds.size()) {
            return "it has fewer lines than its manifest names, so its lines cannot be matched to examples";
        }
        replace(file, kept);
        replace(manifestOf(file), keptIds);
        return null;
    }

    /** Writes {@code lines} (each ended by a line feed) to a temporary file beside {@code target}, then renames it. */
    private static void replace(Path target, List<String> lines) throws IOException {
        Path dir = Objects.requireNonNull(target.toAbsolutePath().getParent(), "a file has a directory");
        Path tmp = dir.resolve("." + target.getFileName() + ".erase-" + UUID.randomUUID() + ".part");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (String l : lines) {
                    w.write(l);
                    w.write('\n');
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
