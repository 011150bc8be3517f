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
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes files so that they appear complete under their final name, or not at all. */
final class AtomicFiles {
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
        List<Path> temps = new ArrayList<>();
        List<FileChannel> channels = new ArrayList<>();
        boolean moved = false;
        try {
            List<OutputStream> outs = new ArrayList<>();
            for (Path target : targets) {
                Path dir = target.toAbsolutePath().getParent();
                Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
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
