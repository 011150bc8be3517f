package dev.tuneloop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary files that an export killed mid-write left behind (a process kill skips the cleanup that a failure runs)
 * are removed by later exports into the same folder once nobody has touched them for a while; everything else stays.
 */
class StaleTemporaryFilesTest {

    private static Path file(Path dir, String name, int bytes, Duration age) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, new byte[bytes]);
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aLaterExportRemovesStaleTemporaryFilesOfExportsAndNothingElse(@TempDir Path dir) throws Exception {
        Duration old = Duration.ofHours(2);
        // left by killed exports: the naming of this version (any target in the folder), and of the previous one
        file(dir, ".training.jsonl.tuneloop-8251634297.tmp", 1 << 20, old);
        file(dir, ".other.jsonl.tuneloop-17.tmp", 10, old);
        file(dir, ".training.jsonl.4470093121598761203.tmp", 1 << 20, old);
        // an export still writing (touched recently), and files that are not ours
        file(dir, ".training.jsonl.tuneloop-99.tmp", 10, Duration.ofMinutes(1));
        file(dir, ".other.jsonl.4470093121598761203.tmp", 10, old); // previous naming, but another target's
        file(dir, ".training.jsonl.backup.tmp", 10, old);
        file(dir, "notes.tmp", 10, old);
        file(dir, "training-2025.jsonl", 10, old);

        Store store = Store.inMemory();
        Examples.example(1).into(store.examples());
        JsonlExporter.create(store.examples())
                .export(ExportOptions.builder().minExamples(0).build(), dir.resolve("training.jsonl"));

        assertThat(names(dir))
                .containsExactly(
                        ".other.jsonl.4470093121598761203.tmp",
                        ".training.jsonl.backup.tmp",
                        ".training.jsonl.tuneloop-99.tmp",
                        "notes.tmp",
                        "training-2025.jsonl",
                        "training.jsonl");
    }

    @Test
    void theTemporaryFileAnExportWritesIsOneALaterExportWouldRecognise(@TempDir Path dir) throws Exception {
        Store store = Store.inMemory();
        for (int i = 1; i <= 3; i++) {
            Examples.example(i).into(store.examples());
        }
        List<String> seenMidWrite = new ArrayList<>();
        JsonlExporter.create(store.examples())
                .export(
                        ExportOptions.builder()
                                .minExamples(0)
                                .progress(
                                        p -> {
                                            try {
                                                seenMidWrite.addAll(names(dir));
                                            } catch (Exception e) {
                                                throw new IllegalStateException(e);
                                            }
                                        },
                                        1)
                                .build(),
                        dir.resolve("training.jsonl"));
        assertThat(seenMidWrite)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(AtomicFiles.isOwnTemporary(name, "training.jsonl"))
                        .as(name)
                        .isTrue());
        assertThat(names(dir)).containsExactly("training.jsonl");
    }
}
