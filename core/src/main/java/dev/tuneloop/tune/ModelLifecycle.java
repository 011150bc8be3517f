package dev.tuneloop.tune;

import dev.tuneloop.curate.LifecycleWarnings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The model lifecycle calendar: a data table of known dates after which a provider takes no new fine-tuning jobs on a
 * base model, and after which the model and its fine-tunes stop answering ({@link LifecycleEntry} rows).
 *
 * <p>{@link #defaults()} ships the dates known on {@value #DEFAULTS_AS_OF} (OpenAI's wind-down of self-serve
 * fine-tuning, Azure OpenAI's training and deployment retirements, and provider-wide rows without dates for Together
 * AI and Vertex AI, which had announced none for fine-tuning). Hosts add rows or replace shipped ones with
 * {@link #with(LifecycleEntry...)}: a row replaces the row with the same provider and model.
 *
 * <p>How a model id finds its rows at a provider: a fine-tuned name finds its base's rows (OpenAI's
 * {@code ft:<base>:…}, Azure's {@code <base>.ft-…}), since fine-tunes follow their base's schedule; an id without a
 * date suffix finds its dated snapshots ({@code gpt-4o-mini} finds {@code gpt-4o-mini-2024-07-18}); the provider's
 * {@link #ANY_MODEL} row applies to every model. When several rows apply, the earliest date wins.
 *
 * <p>Used by the {@link FineTuneLauncher} (which refuses a job whose job creation has closed), by the readiness
 * checklist and the retrain advice ({@link #warnings(ModelRegistry)}), and by the model registry view. Immutable and
 * thread-safe.
 */
public final class ModelLifecycle {
    /** The model of a row that applies to every model of its provider: {@value}. */
    public static final String ANY_MODEL = "*";
    /** Provider id of OpenAI's API: {@value}. */
    public static final String OPENAI = "openai";
    /** Provider id of Azure OpenAI: {@value}. */
    public static final String AZURE = "azure";
    /** Provider id of Together AI: {@value}. */
    public static final String TOGETHER = "together";
    /** Provider id of Vertex AI (Gemini): {@value}. */
    public static final String VERTEX = "vertex";
    /** The day the shipped rows were read: {@value}. */
    public static final String DEFAULTS_AS_OF = "2026-12-03";
    /** How far ahead the readiness checklist and the retrain advice warn: 60 days. */
    public static final Period DEFAULT_WARNING_PERIOD = Period.ofDays(60);

    /** OpenAI's deprecations page (the 2026-05-07 fine-tuning update and the 2026-10-14 shutdown notice). */
    static final String OPENAI_SOURCE = "https://developers.openai.com/api/docs/deprecations";
    /** Azure OpenAI's retirement table for fine-tuned models (training, then deployment). */
    static final String AZURE_SOURCE = "https://github.com/MicrosoftDocs/azure-ai-docs/blob/main/articles/foundry/"
            + "openai/includes/retirement/models.md";
    /** Together AI's model lifecycle policy and deprecation list. */
    static final String TOGETHER_SOURCE = "https://docs.together.ai/docs/deprecations";
    /** Vertex AI's model versions page: a tuned Gemini model shares its base model's discontinuation date. */
    static final String VERTEX_SOURCE = "https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions";

    private static final Pattern DATE_SUFFIX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final ModelLifecycle DEFAULTS = new ModelLifecycle(defaultRows());

    /** Keyed by provider + "\n" + model, in insertion order. */
    private final Map<String, LifecycleEntry> rows;

    private ModelLifecycle(Map<String, LifecycleEntry> rows) {
        this.rows = rows;
    }

    /**
     * The calendar as shipped, with the dates known on {@value #DEFAULTS_AS_OF}.
     *
     * @return the shipped calendar
     */
    public static ModelLifecycle defaults() {
        return DEFAULTS;
    }

    /**
     * A calendar without rows: nothing is ever refused or warned about.
     *
     * @return the empty calendar
     */
    public static ModelLifecycle empty() {
        return new ModelLifecycle(Map.of());
    }

    /**
     * This calendar with rows added; a row replaces this calendar's row with the same provider and model.
     *
     * @param entries the rows to add or replace
     * @return the new calendar
     * @throws NullPointerException when a row is null
     */
    public ModelLifecycle with(LifecycleEntry... entries) {
        Map<String, LifecycleEntry> copy = new LinkedHashMap<>(rows);
        for (LifecycleEntry e : entries) {
            Objects.requireNonNull(e, "entry");
            copy.put(key(e.provider(), e.model()), e);
        }
        return new ModelLifecycle(copy);
    }

    /**
     * Every row, in the order they were added.
     *
     * @return the rows; unmodifiable
     */
    public List<LifecycleEntry> entries() {
        return List.copyOf(rows.values());
    }

    /**
     * The rows that apply to a model at a provider (its own rows, its base's, its dated snapshots', and the
     * provider-wide row).
     *
     * @param provider the provider id, e.g. {@code "openai"}
     * @param model    the model id, base or fine-tuned
     * @return the rows; empty when the calendar knows nothing about the model there
     */
    public List<LifecycleEntry> entriesFor(String provider, String model) {
        Objects.requireNonNull(provider, "provider");
        String base = baseModelOf(Objects.requireNonNull(model, "model"));
        List<LifecycleEntry> out = new ArrayList<>();
        for (LifecycleEntry e : rows.values()) {
            if (e.provider().equals(provider) && (e.anyModel() || matches(base, e.model()))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The first day the provider refuses new fine-tuning jobs on the model.
     *
     * @param provider the provider id
     * @param model    the base model id (a fine-tuned name counts as its base)
     * @return the earliest closing day of the rows that apply; empty when none is known
     */
    public Optional<LocalDate> jobCreationCloses(String provider, String model) {
        return entriesFor(provider, model).stream()
                .map(LifecycleEntry::jobCreationCloses)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    /**
     * The first day the model (and every model fine-tuned from it) no longer answers at the provider.
     *
     * @param provider the provider id
     * @param model    the model id, base or fine-tuned
     * @return the earliest retirement day of the rows that apply; empty when none is known
     */
    public Optional<LocalDate> retires(String provider, String model) {
        return entriesFor(provider, model).stream()
                .map(LifecycleEntry::retires)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    /**
     * Whether the provider takes new fine-tuning jobs on the model on a day, as far as the calendar knows.
     *
     * @param provider the provider id
     * @param model    the base model id
     * @param day      the day (UTC)
     * @return false when job creation has closed on or before {@code day}; true otherwise, also when no row applies
     */
    public boolean takesJobs(String provider, String model, LocalDate day) {
        Optional<LocalDate> closes = jobCreationCloses(provider, model);
        return closes.isEmpty() || day.isBefore(closes.get());
    }

    /**
     * The providers with a row for the model (not only a provider-wide one) that still take jobs on it on a day.
     *
     * @param model the base model id
     * @param day   the day (UTC)
     * @return provider ids, in calendar order
     */
    public List<String> providersTakingJobs(String model, LocalDate day) {
        String base = baseModelOf(Objects.requireNonNull(model, "model"));
        Set<String> out = new LinkedHashSet<>();
        for (LifecycleEntry e : rows.values()) {
            if (!e.anyModel() && matches(base, e.model()) && takesJobs(e.provider(), base, day)) {
                out.add(e.provider());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The providers that still take jobs on some model on a day: a provider-wide row still open, or a model row still
     * open while the provider-wide row (if any) is.
     *
     * @param day the day (UTC)
     * @return provider ids, in calendar order
     */
    public List<String> providersTakingJobs(LocalDate day) {
        Set<String> out = new LinkedHashSet<>();
        for (LifecycleEntry e : rows.values()) {
            LifecycleEntry wide = rows.get(key(e.provider(), ANY_MODEL));
            if (e.takesJobsOn(day) && (wide == null || wide.takesJobsOn(day))) {
                out.add(e.provider());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Refuses a job whose job creation has closed at the provider.
     *
     * @param provider the provider id the job would go to
     * @param model    the base model to fine-tune
     * @param now      the launcher's clock reading
     * @throws JobCreationClosedException when the calendar says job creation closed on or before today (UTC); the
     *     message names the day, the row's source and the providers that still take jobs
     */
    public void checkJobCreation(String provider, String model, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Optional<LocalDate> closes = jobCreationCloses(provider, model);
        if (closes.isEmpty() || today.isBefore(closes.get())) {
            return;
        }
        LocalDate closed = closes.get();
        LifecycleEntry row = entriesFor(provider, model).stream()
                .filter(e -> closed.equals(e.jobCreationCloses()))
                .findFirst()
                .orElseThrow();
        List<String> sameModel = providersTakingJobs(model, today);
        List<String> others = new ArrayList<>(providersTakingJobs(today));
        others.removeAll(sameModel);
        others.remove(provider);
        StringBuilder m = new StringBuilder()
                .append("fine-tuning job creation for ")
                .append(model)
                .append(" at ")
                .append(provider)
                .append(" closed on ")
                .append(closed)
                .append(" (lifecycle calendar, as of ")
                .append(row.asOf())
                .append(", source ")
                .append(row.sourceUrl())
                .append(")");
        if (!sameModel.isEmpty()) {
            m.append("; providers that still take jobs on this model: ");
            m.append(describe(sameModel, model));
        }
        if (!others.isEmpty()) {
            m.append("; providers that take jobs on their own base models: ").append(String.join(", ", others));
        }
        if (sameModel.isEmpty() && others.isEmpty()) {
            m.append("; no provider in the calendar takes jobs any more");
        }
        m.append(". Relaunch the dataset on another provider (FineTuneLauncher.relaunch), or override the calendar row"
                + " (ModelLifecycle.with) if the provider still takes your jobs");
        throw new JobCreationClosedException(provider, model, closed, sameModel, others, m.toString());
    }

    private String describe(List<String> providers, String model) {
        List<String> parts = new ArrayList<>();
        for (String p : providers) {
            parts.add(jobCreationCloses(p, model)
                    .map(d -> p + " (closes on " + d + ")")
                    .orElse(p));
        }
        return String.join(", ", parts);
    }

    /**
     * Warnings about a model version: its model or base retires, or job creation on its base closes, within
     * {@code within} of {@code now}.
     *
     * @param version the version (its provider decides which rows apply; without one, every provider's rows do)
     * @param now     the time to judge from
     * @param within  how far ahead to look
     * @return one sentence per coming date, naming the version, the model, the provider, the date and the days left;
     *     empty when nothing is coming
     */
    public List<String> warnings(ModelVersion version, Instant now, Period within) {
        Objects.requireNonNull(version, "version");
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate horizon = today.plus(within);
        String served = version.model().orElse(version.baseModel());
        List<String> providers = new ArrayList<>();
        String recorded = version.provider();
        if (recorded != null) {
            providers.add(recorded);
        } else {
            rows.values().forEach(e -> {
                if (!providers.contains(e.provider())) {
                    providers.add(e.provider());
                }
            });
        }
        List<String> out = new ArrayList<>();
        for (String p : providers) {
            retires(p, version.baseModel())
                    .filter(d -> d.isBefore(horizon))
                    .ifPresent(d -> out.add("model version " + version.version() + " (" + served + ", base "
                            + version.baseModel() + ") at " + p + (d.isAfter(today) ? " retires on " : " retired on ")
                            + d + " (" + days(today, d) + "): the base and its fine-tunes stop answering; retrain on"
                            + " another provider (FineTuneLauncher.relaunch)"));
            jobCreationCloses(p, version.baseModel())
                    .filter(d -> d.isBefore(horizon))
                    .ifPresent(d -> out.add("fine-tuning job creation for " + version.baseModel() + " at " + p
                            + (d.isAfter(today) ? " closes on " : " closed on ") + d + " (" + days(today, d)
                            + "): a retraining of model version " + version.version() + " must go elsewhere"));
        }
        return out;
    }

    private static String days(LocalDate today, LocalDate day) {
        long n = ChronoUnit.DAYS.between(today, day);
        return n > 0 ? "in " + n + " days" : n == 0 ? "today" : -n + " days ago";
    }

    /**
     * Warnings about the version a registry has deployed, for the readiness checklist and the retrain advisor, with a
     * look-ahead of {@link #DEFAULT_WARNING_PERIOD}.
     *
     * @param registry the registry whose deployed version is judged
     * @return the warnings source; empty warnings while no version is deployed
     */
    public LifecycleWarnings warnings(ModelRegistry registry) {
        return warnings(registry, DEFAULT_WARNING_PERIOD);
    }

    /**
     * As {@link #warnings(ModelRegistry)}, with another look-ahead.
     *
     * @param registry the registry whose deployed version is judged
     * @param within   how far ahead to look
     * @return the warnings source
     */
    public LifecycleWarnings warnings(ModelRegistry registry, Period within) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(within, "within");
        return now -> registry.deployed().map(v -> warnings(v, now, within)).orElse(List.of());
    }

    /**
     * The base model of a fine-tuned model name, for OpenAI's {@code ft:<base>:<org>:<suffix>:<id>} and Azure's
     * {@code <base>.ft-<id>} forms; any other id is returned as is.
     *
     * @param model a model id
     * @return its base model id
     */
    public static String baseModelOf(String model) {
        if (model.startsWith("ft:")) {
            int end = model.indexOf(':', 3);
            return end < 0 ? model.substring(3) : model.substring(3, end);
        }
        int ft = model.indexOf(".ft-");
        return ft > 0 ? model.substring(0, ft) : model;
    }

    /** Whether {@code model} is the row's model, or an undated alias of it ({@code gpt-4o} for {@code gpt-4o-2024-08-06}). */
    private static boolean matches(String model, String rowModel) {
        if (rowModel.equals(model)) {
            return true;
        }
        return rowModel.length() == model.length() + 11
                && rowModel.startsWith(model)
                && rowModel.charAt(model.length()) == '-'
                && DATE_SUFFIX.matcher(rowModel.substring(model.length() + 1)).matches();
    }

    private static String key(String provider, String model) {
        return provider + "\n" + model;
    }

    @Override
    public String toString() {
        return "ModelLifecycle[" + rows.size() + " rows]";
    }

    private static Map<String, LifecycleEntry> defaultRows() {
        LocalDate asOf = LocalDate.parse(DEFAULTS_AS_OF);
        LocalDate openAiJobsClose = LocalDate.parse("2027-01-06");
        LocalDate openAiShutdown = LocalDate.parse("2027-01-14");
        List<LifecycleEntry> list = new ArrayList<>();
        // OpenAI: job creation ends for everyone on 2027-01-06 (every model, RFT included)
        list.add(new LifecycleEntry(OPENAI, ANY_MODEL, openAiJobsClose, null, OPENAI_SOURCE, asOf));
        for (String m : List.of(
                "gpt-4o-2024-08-06",
                "gpt-4o-2024-11-20",
                "gpt-4o-mini-2024-07-18",
                "gpt-4.1-2025-04-14",
                "gpt-4.1-mini-2025-04-14")) {
            // notice of 2026-10-14: the base models shut down, "fine-tuned versions follow the same schedule"
            list.add(new LifecycleEntry(OPENAI, m, openAiJobsClose, openAiShutdown, OPENAI_SOURCE, asOf));
        }
        // Azure OpenAI: training retires no earlier than these days (existing customers only), then deployments
        for (String m : List.of("gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18")) {
            list.add(new LifecycleEntry(
                    AZURE, m, LocalDate.parse("2027-04-01"), LocalDate.parse("2027-10-01"), AZURE_SOURCE, asOf));
        }
        for (String m : List.of("gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14")) {
            list.add(new LifecycleEntry(
                    AZURE, m, LocalDate.parse("2027-04-14"), LocalDate.parse("2027-10-14"), AZURE_SOURCE, asOf));
        }
        // Together AI and Vertex AI: no fine-tuning closure announced; the rows name them as providers that remain
        list.add(new LifecycleEntry(TOGETHER, ANY_MODEL, null, null, TOGETHER_SOURCE, asOf));
        list.add(new LifecycleEntry(VERTEX, ANY_MODEL, null, null, VERTEX_SOURCE, asOf));
        Map<String, LifecycleEntry> rows = new LinkedHashMap<>();
        list.forEach(e -> rows.put(key(e.provider(), e.model()), e));
        return rows;
    }
}
