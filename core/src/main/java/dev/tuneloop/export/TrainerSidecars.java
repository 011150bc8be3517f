package dev.tuneloop.export;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The files a trainer needs next to an exported JSONL file: Axolotl's {@code datasets:} YAML fragment and
 * LLaMA-Factory's {@code dataset_info.json} entry for OpenAI's supervised file (both read {@code messages} as is) and
 * for the {@link ExportFormat#CHAT_PREFERENCE} pairs, LLaMA-Factory's entry for the {@link ExportFormat#CHAT_KTO}
 * lines, and a Hugging Face dataset card for any preset. Each method returns the text; the
 * caller writes it where the trainer looks (Axolotl: into its config; LLaMA-Factory: {@code dataset_info.json} in the
 * data folder; the card: {@code README.md} beside the data). Stateless.
 */
public final class TrainerSidecars {

    /** A Hugging Face feature of one {@code {role, content}} message object. */
    private static final String MESSAGE_STRUCT =
            "struct:\n        - name: role\n          dtype: string\n        - name: content\n          dtype: string";

    private TrainerSidecars() {}

    /**
     * Axolotl's {@code datasets:} YAML fragment for an OpenAI supervised file ({@code type: chat_template},
     * {@code field_messages: messages}, OpenAI's role/content properties). Axolotl reads it as is; Axolotl's DPO and
     * KTO strategies want other shapes (chosen/rejected as single message objects), so no fragment is offered for them.
     *
     * @param format   the file's preset: {@link ExportFormat#SUPERVISED}
     * @param fileName the JSONL file's path as Axolotl will see it, e.g. {@code data/openai-sft.jsonl}
     * @return the YAML text, ending with a newline
     * @throws IllegalArgumentException for any other format
     */
    public static String axolotl(ExportFormat format, String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (format != ExportFormat.SUPERVISED) {
            throw new IllegalArgumentException(
                    "format must be SUPERVISED for an Axolotl sidecar (chat_template over messages), but was "
                            + format);
        }
        return "datasets:\n  - path: " + jsonString(fileName) + "\n    ds_type: json\n    type: chat_template\n"
                + "    field_messages: messages\n    message_property_mappings:\n      role: role\n"
                + "      content: content\n";
    }

    /**
     * LLaMA-Factory's {@code dataset_info.json} entry (the object to put under the dataset's name) for an OpenAI
     * supervised file: sharegpt formatting over {@code messages} with OpenAI's role tags.
     *
     * @param format   the file's preset: {@link ExportFormat#SUPERVISED}
     * @param fileName the JSONL file's name relative to LLaMA-Factory's data folder
     * @return the JSON object, pretty-printed, ending with a newline
     * @throws IllegalArgumentException for any other format
     */
    public static String llamaFactory(ExportFormat format, String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (format != ExportFormat.SUPERVISED) {
            throw new IllegalArgumentException(
                    "format must be SUPERVISED for a LLaMA-Factory sidecar (sharegpt over messages), but was "
                            + format);
        }
        return "{\n  \"file_name\": " + jsonString(fileName) + ",\n  \"formatting\": \"sharegpt\",\n"
                + "  \"columns\": {\"messages\": \"messages\"},\n"
                + "  \"tags\": {\"role_tag\": \"role\", \"content_tag\": \"content\", \"user_tag\": \"user\", "
                + "\"assistant_tag\": \"assistant\", \"system_tag\": \"system\"}\n}\n";
    }

    /**
     * Axolotl's config fragment for a {@link ExportFormat#CHAT_PREFERENCE} file: {@code rl: dpo} and a
     * {@code datasets:} entry of type {@code chat_template.default} (Axolotl's DPO strategy over the tokenizer's chat
     * template) with {@code field_messages: messages}, {@code field_chosen: chosen}, {@code field_rejected: rejected},
     * the role/content properties and the role names as written. Put both keys into the Axolotl config (or merge them
     * with yours), then {@code axolotl train config.yml}.
     *
     * @param fileName the JSONL file's path as Axolotl will see it, e.g. {@code data/chat-preference.jsonl}
     * @return the YAML text, ending with a newline
     */
    public static String axolotlChatPreference(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        return "rl: dpo\ndatasets:\n  - path: " + jsonString(fileName) + "\n    ds_type: json\n    split: train\n"
                + "    type: chat_template.default\n    field_messages: messages\n    field_chosen: chosen\n"
                + "    field_rejected: rejected\n    message_property_mappings:\n      role: role\n"
                + "      content: content\n    roles:\n      system: [system]\n      user: [user]\n"
                + "      assistant: [assistant]\n      tool: [tool]\n";
    }

    /**
     * LLaMA-Factory's {@code dataset_info.json} entry for a {@link ExportFormat#CHAT_PREFERENCE} file: sharegpt
     * formatting with {@code ranking: true}, the columns {@code messages}, {@code chosen}, {@code rejected} and the
     * role tags as written ({@code tool} messages as observations). Put it under a dataset name in the data folder's
     * {@code dataset_info.json}, then {@code llamafactory-cli train} with {@code stage: dpo} and
     * {@code dataset: <that name>}.
     *
     * @param fileName the JSONL file's name relative to LLaMA-Factory's data folder
     * @return the JSON object, pretty-printed, ending with a newline
     */
    public static String llamaFactoryChatPreference(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        return "{\n  \"file_name\": " + jsonString(fileName) + ",\n  \"formatting\": \"sharegpt\",\n"
                + "  \"ranking\": true,\n"
                + "  \"columns\": {\"messages\": \"messages\", \"chosen\": \"chosen\", \"rejected\": \"rejected\"},\n"
                + "  \"tags\": {\"role_tag\": \"role\", \"content_tag\": \"content\", \"user_tag\": \"user\", "
                + "\"assistant_tag\": \"assistant\", \"observation_tag\": \"tool\", \"system_tag\": \"system\"}\n}\n";
    }

    /**
     * LLaMA-Factory's {@code dataset_info.json} entry for a {@link ExportFormat#CHAT_KTO} file: sharegpt formatting
     * over {@code messages} with {@code kto_tag} naming the boolean {@code label} column, and the role tags as written.
     * LLaMA-Factory splits each conversation's last message off as the answer the label judges. Put it under a dataset
     * name in the data folder's {@code dataset_info.json}, then {@code llamafactory-cli train} with
     * {@code stage: kto} and {@code dataset: <that name>}.
     *
     * @param fileName the JSONL file's name relative to LLaMA-Factory's data folder
     * @return the JSON object, pretty-printed, ending with a newline
     */
    public static String llamaFactoryChatKto(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        return "{\n  \"file_name\": " + jsonString(fileName) + ",\n  \"formatting\": \"sharegpt\",\n"
                + "  \"columns\": {\"messages\": \"messages\", \"kto_tag\": \"label\"},\n"
                + "  \"tags\": {\"role_tag\": \"role\", \"content_tag\": \"content\", \"user_tag\": \"user\", "
                + "\"assistant_tag\": \"assistant\", \"system_tag\": \"system\"}\n}\n";
    }

    /**
     * A dataset card ({@code README.md}) with the Hugging Face YAML header (license placeholder, size category, task,
     * language, features) and the provenance: Tuneloop version, preset, minimum quality, redaction, the counts per
     * skip reason and split, and the content hash given.
     *
     * @param report      the export's report
     * @param tuneloop    the Tuneloop version that wrote the file
     * @param language    the data's language code, e.g. {@code en}
     * @param contentHash the SHA-256 of the training file, hex
     * @return the Markdown text
     */
    public static String datasetCard(ExportReport report, String tuneloop, String language, String contentHash) {
        ExportFormat f = report.format();
        long lines = report.written() + report.validationWritten();
        StringBuilder b = new StringBuilder("---\n");
        b.append("license: other # placeholder: set the license of your data\n");
        b.append("language:\n  - ").append(language).append('\n');
        b.append("size_categories:\n  - ").append(sizeCategory(lines)).append('\n');
        b.append("task_categories:\n  - text-generation\n");
        b.append("tags:\n  - tuneloop\n  - ").append(f.fileStem()).append('\n');
        b.append("dataset_info:\n  features:\n");
        for (Map.Entry<String, String> feature : features(f).entrySet()) {
            b.append("    - name: ")
                    .append(feature.getKey())
                    .append("\n      ")
                    .append(feature.getValue())
                    .append('\n');
        }
        b.append("---\n\n# Training data exported by Tuneloop\n\n");
        b.append("| | |\n|---|---|\n");
        b.append("| Tuneloop version | ").append(tuneloop).append(" |\n");
        b.append("| preset | `").append(f.name()).append("` |\n");
        b.append("| base model (tokens) | ").append(report.baseModel()).append(" |\n");
        b.append("| minimum quality | ").append(report.effectiveMinQuality()).append(" |\n");
        b.append("| redaction | ")
                .append(report.redacted() ? "applied: " + report.redactions() : "not applied")
                .append(" |\n");
        b.append("| examples scanned | ").append(report.scanned()).append(" |\n");
        b.append("| lines: train / validation | ")
                .append(report.written())
                .append(" / ")
                .append(report.validationWritten())
                .append(" |\n");
        report.skipped().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append("| skipped: ")
                        .append(e.getKey().name().toLowerCase(Locale.ROOT))
                        .append(" | ")
                        .append(e.getValue())
                        .append(" |\n"));
        if (f.isKto()) {
            b.append("| KTO desirable / undesirable | ")
                    .append(report.validation().desirable())
                    .append(" / ")
                    .append(report.validation().undesirable())
                    .append(" |\n");
        }
        b.append("| content SHA-256 | `").append(contentHash).append("` |\n");
        b.append(
                "\nExamples are human-reviewed answers; the evaluation holdout and its near-duplicates are left out.\n");
        return b.toString();
    }

    private static Map<String, String> features(ExportFormat f) {
        String messages = "list:\n        - name: role\n          dtype: string\n        - name: content\n"
                + "          dtype: string";
        return switch (f) {
            case SUPERVISED -> Map.of("messages", messages);
            case PREFERENCE ->
                Map.of("input", "struct", "preferred_output", messages, "non_preferred_output", messages);
            case TRL_SFT ->
                new java.util.TreeMap<>(
                        Map.of("prompt", messages, "completion", messages, "example_id", "dtype: string"));
            case TRL_DPO ->
                new java.util.TreeMap<>(Map.of(
                        "prompt", messages, "chosen", messages, "rejected", messages, "example_id", "dtype: string"));
            case TRL_KTO ->
                new java.util.TreeMap<>(Map.of(
                        "prompt",
                        messages,
                        "completion",
                        messages,
                        "label",
                        "dtype: bool",
                        "example_id",
                        "dtype: string"));
            case GEMINI_SFT -> new java.util.TreeMap<>(Map.of("systemInstruction", "struct", "contents", "list"));
            case GEMINI_PREFERENCE ->
                new java.util.TreeMap<>(
                        Map.of("system_instruction", "struct", "contents", "list", "completions", "list"));
            case CHAT_PREFERENCE ->
                new java.util.TreeMap<>(Map.of(
                        "messages",
                        messages,
                        "chosen",
                        MESSAGE_STRUCT,
                        "rejected",
                        MESSAGE_STRUCT,
                        "example_id",
                        "dtype: string"));
            case CHAT_KTO ->
                new java.util.TreeMap<>(
                        Map.of("messages", messages, "label", "dtype: bool", "example_id", "dtype: string"));
        };
    }

    /** Hugging Face's size category for a number of rows. */
    static String sizeCategory(long rows) {
        if (rows < 1_000) {
            return "n<1K";
        }
        if (rows < 10_000) {
            return "1K<n<10K";
        }
        if (rows < 100_000) {
            return "10K<n<100K";
        }
        if (rows < 1_000_000) {
            return "100K<n<1M";
        }
        return "1M<n<10M";
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
