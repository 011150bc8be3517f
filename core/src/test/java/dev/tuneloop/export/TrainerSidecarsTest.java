package dev.tuneloop.export;

import static dev.tuneloop.export.Examples.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.store.Store;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class TrainerSidecarsTest {

    @Test
    void llamaFactoryEntryIsJsonWithOpenAisRoleTags() throws Exception {
        JsonNode n = new ObjectMapper()
                .readTree(TrainerSidecars.llamaFactory(ExportFormat.SUPERVISED, "tuneloop/openai-sft.jsonl"));
        assertThat(n.get("file_name").asText()).isEqualTo("tuneloop/openai-sft.jsonl");
        assertThat(n.get("formatting").asText()).isEqualTo("sharegpt");
        assertThat(n.get("columns").get("messages").asText()).isEqualTo("messages");
        assertThat(n.get("tags").get("assistant_tag").asText()).isEqualTo("assistant");
        assertThatThrownBy(() -> TrainerSidecars.llamaFactory(ExportFormat.TRL_DPO, "x.jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SUPERVISED");
    }

    @Test
    void axolotlFragmentNamesTheFileAndTheMessagesField() {
        String yaml = TrainerSidecars.axolotl(ExportFormat.SUPERVISED, "data/openai \"sft\".jsonl");
        assertThat(yaml)
                .startsWith("datasets:\n")
                .contains("path: \"data/openai \\\"sft\\\".jsonl\"")
                .contains("type: chat_template")
                .contains("field_messages: messages");
        assertThatThrownBy(() -> TrainerSidecars.axolotl(ExportFormat.GEMINI_SFT, "x.jsonl"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void datasetCardHasTheHubHeaderAndTheProvenance() {
        Store store = Store.inMemory();
        example(1).into(store.examples());
        example(2).edited("Better.").into(store.examples());
        example(3).quality(5).into(store.examples());
        ExportReport r = JsonlExporter.create(store.examples())
                .export(
                        ExportOptions.builder()
                                .format(ExportFormat.TRL_KTO)
                                .minExamples(0)
                                .build(),
                        new ByteArrayOutputStream());
        String card = TrainerSidecars.datasetCard(r, "0.1.0", "en", "ab12");
        assertThat(card)
                .startsWith("---\nlicense: other")
                .contains("size_categories:\n  - n<1K")
                .contains("task_categories:\n  - text-generation")
                .contains("    - name: label\n      dtype: bool")
                .contains("| preset | `TRL_KTO` |")
                .contains("| lines: train / validation | 3 / 0 |")
                .contains("| skipped: low_quality | 1 |")
                .contains("| KTO desirable / undesirable | 2 / 1 |")
                .contains("| content SHA-256 | `ab12` |");
        assertThat(TrainerSidecars.sizeCategory(999)).isEqualTo("n<1K");
        assertThat(TrainerSidecars.sizeCategory(1000)).isEqualTo("1K<n<10K");
    }
}
