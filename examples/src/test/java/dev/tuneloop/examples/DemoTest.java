package dev.tuneloop.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, run as a test: the whole loop offline on an H2 file database. */
class DemoTest {

    @Test
    void theDemoRunsTheWholeLoopOffline(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Demo.main(new String[] {"--data-dir", dir.toString()});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains("recorded 240 interactions (all written)")
                .contains("0 dropped")
                .containsPattern("overall: (PASS|WARN)") // the frozen split hashes fresh ids: counts vary a little
                .contains("validation: 0 errors")
                .contains("SIMULATED")
                // every curated answer is the expert one, so whichever examples the frozen split holds out, the
                // fine-tuned model never does worse than the base: the verdict is the same every run
                .contains("verdict: PROMOTE")
                .contains("deployed v1")
                .doesNotContain("nothing deployed");
        assertThat(out).doesNotContain("NOT all written");
        for (String file : new String[] {
            "training_data.jsonl", "preference_data.jsonl", "evaluation.json", "evaluation.html", "tuneloop.mv.db"
        }) {
            assertThat(dir.resolve(file)).exists();
            assertThat(Files.size(dir.resolve(file))).isPositive();
        }
        if (System.getenv("OPENAI_API_KEY") == null && System.getenv("OPENAI_BASE_URL") == null) {
            assertThat(out).contains("Offline mode");
        }
    }
}
