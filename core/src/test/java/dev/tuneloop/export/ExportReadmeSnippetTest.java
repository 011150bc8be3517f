package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's export snippet, verbatim between the markers, so it keeps compiling and doing what it says. */
class ExportReadmeSnippetTest {

    @Test
    void readmeSnippetRuns(@TempDir Path dir) throws Exception {
        Store store = Store.inMemory();
        for (int i = 1; i <= 12; i++) {
            example(i).into(store.examples());
        }
        String finalizedSystemPrompt = "You are a financial analyst assistant for SigmaSight.";
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Path cwd = dir;
        ExportReport report;
        try {
            // snippet:export
            JsonlExporter exporter = JsonlExporter.create(store.examples()); // any ExampleStore
            report = exporter.export(
                    ExportOptions.builder()
                            .minQuality(6) // the Quick Reference's min_quality=6 (the default)
                            .systemPrompt(finalizedSystemPrompt) // "System prompt is finalized": one for every line
                            .build(),
                    cwd.resolve("training.jsonl")); // atomic: the whole file or none
            for (Problem p : report.validation().problems()) { // empty when the file is ready to upload
                System.out.printf(
                        "line %d: %s %s %s%n", p.line(), p.severity(), p.code().code(), p.message());
            }
            System.out.printf(
                    "%d examples, %d tokens x %d epochs = %d training tokens, ~$%s, %d-%d min%n",
                    report.written(),
                    report.tokens().billing(),
                    report.epochs(),
                    report.estimatedTrainingTokens(),
                    report.estimatedCostUsd(),
                    report.estimatedTrainingTime().minMinutes(),
                    report.estimatedTrainingTime().maxMinutes());
            // end-snippet:export
        } finally {
            System.setOut(stdout);
        }
        assertThat(report.validation().problems()).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("training.jsonl"))).hasSize(12);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("12 examples, " + report.tokens().billing() + " tokens x 8 epochs = ")
                .endsWith(", 15-20 min" + System.lineSeparator());
    }
}
