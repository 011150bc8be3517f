package dev.tuneloop.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.errors.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void hashesTheFilesBytes() throws Exception {
        Path f = dir.resolve("a.jsonl");
        Files.writeString(f, "abc");
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(DatasetSnapshot.sha256(f))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        DatasetSnapshot s = DatasetSnapshot.of(f, List.of(ExampleId.next(1), ExampleId.next(2)));
        assertThat(s.exampleCount()).isEqualTo(2);
        assertThat(s.namesExamples()).isTrue();
    }

    @Test
    void reportsEveryBrokenRule() {
        ExampleId id = ExampleId.next(1);
        assertThatThrownBy(() -> new DatasetSnapshot("ABC", 3, List.of(id, id)))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "contentSha256 must be 64 lowercase hex digits, but was \"ABC\"",
                                        "exampleCount must equal the number of exampleIds (2), but was 3",
                                        "exampleIds must not contain duplicates, but " + id + " appears twice"));
        assertThatThrownBy(() -> new DatasetSnapshot("a".repeat(64), -1, List.of()))
                .hasMessage("exampleCount must be >= 0, but was -1");
        assertThatThrownBy(() -> DatasetSnapshot.sha256(dir.resolve("missing.jsonl")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("missing.jsonl");
    }
}
