package dev.tuneloop.together;

/** Small JSONL files in the two formats Tuneloop exports. */
final class FineTuneClientContractData {
    static final String SUPERVISED = "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"2+2?\"},{\"role\":\"assistant\",\"content\":\"4\"}]}\n"
            + "{\"messages\":[{\"role\":\"user\",\"content\":\"Grüße?\"},{\"role\":\"assistant\",\"content\":\"Hallo\"}]}\n";

    static final String PREFERENCE = "{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]},"
            + "\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"4\"}],"
            + "\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"5\"}]}\n";

    private FineTuneClientContractData() {}
}
