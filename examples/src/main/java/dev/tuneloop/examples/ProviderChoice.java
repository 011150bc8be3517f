package dev.tuneloop.examples;

import dev.tuneloop.tune.ModelLifecycle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The demo's {@code --provider} flag: which provider it would use, and what the lifecycle calendar says about it. */
enum ProviderChoice {
    /** Today's default: a {@code FakeFineTuneClient}, nothing leaves the machine. */
    SIMULATED,
    /** OpenAI's API ({@code OPENAI_API_KEY}). */
    OPENAI,
    /** Azure OpenAI (an existing Azure customer's resource). */
    AZURE,
    /** Together AI (module tuneloop-together). */
    TOGETHER,
    /** Vertex AI Gemini (module tuneloop-vertex). */
    VERTEX;

    /**
     * The choice named by a flag value.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    static ProviderChoice parse(String value) {
        for (ProviderChoice c : values()) {
            if (c.id().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "--provider must be openai, azure, together, vertex or simulated, but was '" + value + "'");
    }

    /** The provider id in the lifecycle calendar (and the flag's value). */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the demo runs this provider for real (only OpenAI, and only with a key or base URL set). */
    boolean real(boolean openAiKeySet) {
        return this == OPENAI && openAiKeySet;
    }

    /** What the demo says before Phase 3: the provider it would use, why, and what the calendar says. */
    List<String> describe(ModelLifecycle lifecycle, Instant now, String baseModel, boolean openAiKeySet) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<String> lines = new ArrayList<>();
        switch (this) {
            case SIMULATED -> {
                lines.add(
                        "provider: simulated (FakeFineTuneClient); choose one with --provider openai|azure|together|vertex");
                lines.add(calendar(lifecycle, "openai", baseModel, today));
            }
            case OPENAI -> {
                lines.add("provider: openai "
                        + (openAiKeySet
                                ? "(OPENAI_API_KEY is set: the job is real)"
                                : "(no OPENAI_API_KEY: simulated as openai, so the calendar applies)"));
                lines.add(calendar(lifecycle, "openai", baseModel, today));
                lines.add("OpenAI may refuse even before that date: self-serve fine-tuning closed to new organisations"
                        + " on 2026-05-07 and to inactive ones on 2026-07-02 (FineTuningUnavailableException)");
            }
            case AZURE -> {
                lines.add("provider: azure (simulated here; for real: OpenAiClients.builder().azure(endpoint, key),"
                        + " OpenAiFineTuneClient.azure(client, AzureTrainingType.STANDARD), then deploy the tuned"
                        + " model through the control plane before calling it)");
                lines.add(calendar(lifecycle, "azure", baseModel, today));
                lines.add("Azure is a bridge for existing Azure customers: training, then deployments, retire in 2027");
            }
            case TOGETHER -> {
                lines.add("provider: together (needs the tuneloop-together module on the classpath; simulated here)");
                lines.add("Together reads the same JSONL as OpenAI; serving a fine-tune needs a dedicated endpoint");
                lines.add(calendar(lifecycle, "together", baseModel, today));
            }
            case VERTEX -> {
                lines.add("provider: vertex (needs the tuneloop-vertex module on the classpath: Gemini files staged"
                        + " on Cloud Storage; simulated here)");
                lines.add(calendar(lifecycle, "vertex", baseModel, today));
            }
        }
        return lines;
    }

    private static String calendar(ModelLifecycle lifecycle, String provider, String model, LocalDate today) {
        Optional<LocalDate> closes = lifecycle.jobCreationCloses(provider, model);
        Optional<LocalDate> retires = lifecycle.retires(provider, model);
        if (closes.isEmpty() && retires.isEmpty()) {
            return "calendar: no closing or retirement date known at " + provider;
        }
        return "calendar: at " + provider + ", job creation for " + model
                + closes.map(d -> (today.isBefore(d) ? " closes on " : " CLOSED on ") + d)
                        .orElse(" has no known closing date")
                + retires.map(d -> "; the model and its fine-tunes "
                                + (today.isBefore(d) ? "retire on " : "RETIRED on ") + d)
                        .orElse("")
                + (lifecycle.takesJobs(provider, model, today)
                        ? ""
                        : " (the launcher refuses; providers that remain: "
                                + lifecycle.providersTakingJobs(model, today) + " for this model, "
                                + lifecycle.providersTakingJobs(today) + " in all)");
    }
}
