package dev.tuneloop.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that they appear complete under their final name, or not at all.
 *
 * <p>A temporary file is named {@code .<target>.tuneloop-<random>.tmp} beside its target. A failure deletes it, but a
 * killed process cannot; so every write first removes, from the folders it writes into, the temporary files of this
 * naming (for any target) that nobody has modified for {@link #STALE_AFTER}, and those of the previous naming
 * ({@code .<target>.<digits>.tmp}) for its own targets. An export in progress modifies its file as it writes, so it
 * is not touched unless it stalls for that long.
 */
final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(JsonlExporter.class);

    /** How long a temporary file must be left unmodified before a later write removes it as abandoned. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private static final String MARK = ".tuneloop-";
    private static final String SUFFIX = ".tmp";
    private static final Pattern OWN = Pattern.compile("\\..+\\.tuneloop-[0-9]+\\.tmp");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private AtomicFiles() {}

    /** Writes the content, one output stream per target, in the targets' order. */
    interface Body<T> {
        /** Writes to {@code outs} (flushed and closed by {@link AtomicFiles}) and returns the result. */
        T write(List<OutputStream> outs) throws IOException;
    }

    /**
     * Opens a temporary file beside each target, runs {@code body} on them, forces them to disk, and renames them
     * into place in order; on any failure deletes every temporary file and rethrows.
     */
    static <T> T write(List<Path> targets, Body<T> body) throws IOException {
        removeStale(targets, Instant.now());
        List<Path> temps = new ArrayList<>();
        List<FileChannel> channels = new ArrayList<>();
        boolean moved = false;
        try {
            List<OutputStream> outs = new ArrayList<>();
            for (Path target : targets) {
                Path dir = target.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, "." + target.getFileName() + MARK, SUFFIX);
                temps.add(tmp);
                FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                channels.add(ch);
                outs.add(new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024));
            }
            T result = body.write(outs);
            for (int i = 0; i < outs.size(); i++) {
                outs.get(i).flush();
                channels.get(i).force(true);
                channels.get(i).close();
            }
            for (int i = 0; i < targets.size(); i++) {
                Files.move(
                        temps.get(i),
                        targets.get(i),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(targets.get(0).toAbsolutePath().getParent());
            return result;
        } finally {
            if (!moved) {
                for (FileChannel ch : channels) {
                    closeQuietly(ch);
                }
                for (Path tmp : temps) {
                    Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /**
     * Whether {@code fileName} is a temporary file this class writes: of the current naming for any target, or of the
     * previous naming for {@code targetName}.
     */
    static boolean isOwnTemporary(String fileName, String targetName) {
        if (OWN.matcher(fileName).matches()) {
            return true;
        }
        String prefix = "." + targetName + ".";
        return fileName.startsWith(prefix)
                && fileName.endsWith(SUFFIX)
                && fileName.length() > prefix.length() + SUFFIX.length()
                && DIGITS.matcher(fileName.substring(prefix.length(), fileName.length() - SUFFIX.length()))
                        .matches();
    }

    /**
     * Removes the abandoned temporary files (see the class comment) from the folders of {@code targets}. Never fails:
     * a file that cannot be listed or deleted is left for the next time.
     *
     * @return how many files were removed
     */
    static int removeStale(List<Path> targets, Instant now) {
        Map<Path, Set<String>> byDir = new LinkedHashMap<>();
        for (Path target : targets) {
            Path abs = target.toAbsolutePath();
            byDir.computeIfAbsent(abs.getParent(), d -> new LinkedHashSet<>())
                    .add(abs.getFileName().toString());
        }
        int removed = 0;
        long bytes = 0;
        for (Map.Entry<Path, Set<String>> e : byDir.entrySet()) {
            List<Path> candidates = new ArrayList<>();
            try (Stream<Path> files = Files.list(e.getKey())) {
                files.filter(p -> e.getValue().stream()
                                .anyMatch(t -> isOwnTemporary(p.getFileName().toString(), t)))
                        .forEach(candidates::add);
            } catch (IOException | RuntimeException ex) {
                LOG.debug("cannot list {} for abandoned temporary files: {}", e.getKey(), ex.toString());
                continue;
            }
            for (Path p : candidates) {
                try {
                    BasicFileAttributes a =
                            Files.readAttributes(p, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    if (!a.isRegularFile()
                            || a.lastModifiedTime()
                                    .toInstant()
                                    .plus(STALE_AFTER)
                                    .isAfter(now)) {
                        continue;
                    }
                    if (Files.deleteIfExists(p)) {
                        removed++;
                        bytes += a.size();
                    }
                } catch (IOException | RuntimeException ex) {
                    LOG.debug("cannot remove abandoned temporary file {}: {}", p.getFileName(), ex.toString());
                }
            }
        }
        if (removed > 0) {
            LOG.info(
                    "removed {} temporary export file(s) ({} bytes) left by exports that were stopped mid-write",
                    removed,
                    bytes);
        }
        return removed;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // the write already failed; that failure is the one reported
        }
    }

    /** Makes the renames durable where the platform allows opening a directory (Linux, macOS). */
    private static void syncDirectory(@Nullable Path dir) {
        if (dir == null) {
            return; // a file system root has no parent to sync; the rename itself is still atomic
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory; the rename itself is still atomic there
        }
    }
}
