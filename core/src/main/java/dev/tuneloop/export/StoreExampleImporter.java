package dev.tuneloop.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.CurationOptions;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.Holdout;
import dev.tuneloop.curate.HoldoutSettings;
import dev.tuneloop.curate.ImportProvenance;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.dedup.DuplicatePair;
import dev.tuneloop.dedup.NearDuplicateDetector;
import dev.tuneloop.errors.Checks;
import dev.tuneloop.errors.ValidationException;
import dev.tuneloop.export.ImportProblem.Rule;
import dev.tuneloop.record.ChatMessage;
import dev.tuneloop.record.Interaction;
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Limits;
import dev.tuneloop.record.Role;
import dev.tuneloop.record.ToolCall;
import dev.tuneloop.record.ToolDefinition;
import dev.tuneloop.redact.Redaction;
import dev.tuneloop.redact.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** {@link ExampleImporter} over an {@link ExampleStore}. Stateless apart from its settings; thread-safe. */
final class StoreExampleImporter implements ExampleImporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NOTES_BYTES = 64 * 1024;
    private static final Set<String> CSV_COLUMNS =
            Set.of("question", "answer", "category", "quality", "system_prompt", "notes");
    /** Keys every JSONL preset may carry besides its own: the example's metadata and the TRL lineage column. */
    private static final Set<String> META_KEYS = Set.of("category", "quality", "notes", ExportFormat.EXAMPLE_ID_COLUMN);

    private final ExampleStore examples;
    private final Clock clock;
    private final dev.tuneloop.curate.Taxonomy taxonomy;
    private final HoldoutSettings holdout;
    private final @Nullable Redactor redactor;

    StoreExampleImporter(ExampleStore examples, CurationOptions options) {
        this.examples = examples;
        this.clock = options.clock();
        this.taxonomy = options.taxonomy();
        this.holdout = options.holdout();
        this.redactor = options.redactor().orElse(null);
    }

    /** One row as read, before its checks; absent parts are null. */
    private record Row(
            long line,
            @Nullable String system,
            List<ChatMessage> prior,
            @Nullable String question,
            @Nullable String answer,
            List<ChatMessage> steps,
            List<ToolDefinition> tools,
            @Nullable String category,
            @Nullable String quality,
            @Nullable String notes,
            boolean broken) {

        /** A row without tools (CSV, plain strings). */
        Row(
                long line,
                @Nullable String system,
                List<ChatMessage> prior,
                @Nullable String question,
                @Nullable String answer,
                @Nullable String category,
                @Nullable String quality,
                @Nullable String notes,
                boolean broken) {
            this(line, system, prior, question, answer, List.of(), List.of(), category, quality, notes, broken);
        }

        /** A row whose shape is broken: it is reported once, without its texts' rules on top. */
        static Row broken(long line) {
            return new Row(line, null, List.of(), null, null, null, null, null, true);
        }
    }

    /** A row that passed its checks. */
    private record Checked(
            long line,
            @Nullable String system,
            List<ChatMessage> prior,
            String question,
            String answer,
            List<ChatMessage> steps,
            List<ToolDefinition> tools,
            Category category,
            QualityScore quality,
            @Nullable String notes,
            boolean redacted) {}

    @Override
    public ImportReport importFrom(Reader in, ImportOptions options) {
        List<ImportProblem> problems = new ArrayList<>();
        List<Row> rows;
        try {
            rows = options.format() == ImportFormat.CSV
                    ? readCsv(in, options, problems)
                    : readJsonl(in, options, problems);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the import file " + options.sourceName(), e);
        }
        List<Checked> valid = new ArrayList<>();
        for (Row r : rows) {
            Checked c = check(r, options, problems);
            if (c != null) {
                valid.add(c);
            }
        }
        valid = withoutDuplicates(valid, options.duplicates(), problems);
        problems.sort(Comparator.comparingLong(ImportProblem::line));
        if (!problems.isEmpty() && !options.skipInvalid()) {
            return new ImportReport(options.format(), options.sourceName(), rows.size(), List.of(), 0, problems, false);
        }
        Instant now = clock.instant();
        long heldOut = heldOut();
        int newlyHeldOut = 0;
        List<TrainingExample> batch = new ArrayList<>(valid.size());
        List<ExampleRevision> revisions = new ArrayList<>(valid.size());
        for (Checked c : valid) {
            ExampleId id = ExampleId.next(now.toEpochMilli());
            Split split = Holdout.assign(id, holdout, heldOut);
            if (split == Split.HOLDOUT) {
                heldOut++;
                newlyHeldOut++;
            }
            TrainingExample e = TrainingExample.builder(id, InteractionId.next(clock), ExampleStatus.APPROVED, split)
                    .userId(IMPORT_USER_ID)
                    .interactionCreatedAt(now)
                    .systemPrompt(c.system())
                    .priorTurns(c.prior())
                    .userMessage(c.question())
                    .originalResponse(c.answer())
                    .steps(c.steps())
                    .tools(c.tools())
                    .modelUsed(IMPORT_MODEL)
                    .category(c.category())
                    .quality(c.quality())
                    .reviewer(options.importedBy())
                    .notes(c.notes())
                    .createdAt(now)
                    .reviewedAt(now)
                    .provenance(new ImportProvenance(options.importedBy(), options.sourceName(), c.line()))
                    .build();
            List<String> fields = new ArrayList<>(List.of("imported", "status", "split", "category", "quality"));
            if (c.notes() != null) {
                fields.add("notes");
            }
            if (c.redacted()) {
                fields.add("redacted");
            }
            batch.add(e);
            revisions.add(new ExampleRevision(
                    id,
                    1,
                    e.reviewedAt(),
                    options.importedBy(),
                    fields,
                    "imported from " + options.sourceName() + " line " + c.line()));
        }
        examples.insertAll(batch, revisions);
        return new ImportReport(
                options.format(),
                options.sourceName(),
                rows.size(),
                batch.stream().map(TrainingExample::id).toList(),
                newlyHeldOut,
                problems,
                true);
    }

    /** Approved examples already held out, counted up to the minimum (all the holdout rule needs). */
    private long heldOut() {
        if (holdout.minHoldout() == 0) {
            return 0;
        }
        AtomicLong n = new AtomicLong();
        examples.scan(
                ExampleQuery.approved().withSplit(Split.HOLDOUT).withLimit(holdout.minHoldout()),
                e -> n.incrementAndGet());
        return n.get();
    }

    // ------------------------------------------------------------------------------------------------ checks

    private @Nullable Checked check(Row r, ImportOptions options, List<ImportProblem> problems) {
        if (r.broken()) {
            return null;
        }
        int before = problems.size();
        long line = r.line();
        text(line, "question", r.question(), true, Limits.DEFAULT_MAX_TEXT_BYTES, problems);
        text(line, "answer", r.answer(), true, Limits.DEFAULT_MAX_TEXT_BYTES, problems);
        text(line, "system_prompt", r.system(), false, Limits.DEFAULT_MAX_TEXT_BYTES, problems);
        text(line, "notes", r.notes(), false, MAX_NOTES_BYTES, problems);
        Category category = category(r, options, problems);
        QualityScore quality = quality(r, options, problems);
        if (problems.size() > before || category == null || quality == null) {
            return null;
        }
        Redacting red = new Redacting(redactor);
        List<ChatMessage> prior = red.messages(r.prior());
        List<ChatMessage> steps = red.messages(r.steps());
        String question = red.text(nonNull(r.question()));
        String answer = red.text(nonNull(r.answer()));
        text(line, "question", question, true, Limits.DEFAULT_MAX_TEXT_BYTES, problems);
        text(line, "answer", answer, true, Limits.DEFAULT_MAX_TEXT_BYTES, problems);
        if (problems.size() > before) {
            return null; // the redactor left a blank text
        }
        return new Checked(
                line,
                r.system(),
                List.copyOf(prior),
                question,
                answer,
                List.copyOf(steps),
                r.tools(),
                category,
                quality,
                r.notes(),
                red.changed);
    }

    private static String nonNull(@Nullable String s) {
        if (s == null) {
            throw new IllegalStateException("checked before");
        }
        return s;
    }

    private static void text(
            long line, String field, @Nullable String value, boolean required, int max, List<ImportProblem> out) {
        if (required && value == null) {
            out.add(new ImportProblem(line, field, Rule.MISSING_FIELD, field + " is required, but is missing"));
            return;
        }
        try {
            Checks.start().text(field, value, required, max).orThrow();
        } catch (ValidationException e) {
            for (String p : e.problems()) {
                out.add(new ImportProblem(line, field, Rule.INVALID_VALUE, p));
            }
        }
    }

    private @Nullable Category category(Row r, ImportOptions options, List<ImportProblem> problems) {
        String name = r.category();
        if (name == null) {
            Category d = options.defaultCategory().orElse(null);
            if (d == null) {
                problems.add(new ImportProblem(
                        r.line(),
                        "category",
                        Rule.MISSING_FIELD,
                        "category is required (the row names none and the import has no default category)"));
            }
            return d;
        }
        Category c;
        try {
            c = Category.of(name.trim());
        } catch (ValidationException e) {
            problems.add(new ImportProblem(
                    r.line(), "category", Rule.INVALID_VALUE, e.problems().get(0)));
            return null;
        }
        if (!taxonomy.accepts(c)) {
            problems.add(new ImportProblem(
                    r.line(),
                    "category",
                    Rule.NOT_IN_TAXONOMY,
                    "category '" + c.name() + "' is not in the taxonomy; allowed: "
                            + String.join(
                                    ", ",
                                    taxonomy.categories().stream()
                                            .map(Category::name)
                                            .toList())));
            return null;
        }
        return c;
    }

    private static @Nullable QualityScore quality(Row r, ImportOptions options, List<ImportProblem> problems) {
        String text = r.quality();
        if (text == null) {
            QualityScore d = options.defaultQuality().orElse(null);
            if (d == null) {
                problems.add(new ImportProblem(
                        r.line(),
                        "quality",
                        Rule.MISSING_FIELD,
                        "quality is required (the row gives none and the import has no default quality)"));
            }
            return d;
        }
        String t = text.trim();
        int value;
        try {
            value = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            value = Integer.MIN_VALUE;
        }
        if (value < 1 || value > 10) {
            String shown = t.length() > 12 ? t.substring(0, 12) + "…" : t;
            problems.add(new ImportProblem(
                    r.line(),
                    "quality",
                    Rule.INVALID_VALUE,
                    "quality must be an integer from " + 1 + " to " + 10 + ", but was '" + shown + "'"));
            return null;
        }
        return QualityScore.of(value);
    }

    /**
     * Drops the rows that are near-duplicates of a stored approved example or of an earlier kept row, adding a
     * problem for each.
     */
    private List<Checked> withoutDuplicates(
            List<Checked> rows, NearDuplicateDetector detector, List<ImportProblem> problems) {
        if (rows.isEmpty()) {
            return rows;
        }
        NearDuplicateDetector.Index<String> index = detector.newIndex();
        examples.scan(ExampleQuery.approved(), e -> index.add("approved example " + e.id(), Holdout.similarityText(e)));
        List<Checked> kept = new ArrayList<>(rows.size());
        for (Checked c : rows) {
            String text = c.question() + " " + c.answer();
            List<DuplicatePair<String>> matches = index.matches(text);
            if (!matches.isEmpty()) {
                DuplicatePair<String> m = matches.get(0);
                problems.add(new ImportProblem(
                        c.line(),
                        "row",
                        Rule.DUPLICATE,
                        String.format(
                                Locale.ROOT,
                                "question and answer are a near-duplicate (Jaccard %.2f) of %s",
                                m.jaccard(),
                                m.first())));
                continue;
            }
            index.add("line " + c.line(), text);
            kept.add(c);
        }
        return kept;
    }

    // ------------------------------------------------------------------------------------------------ CSV

    private static List<Row> readCsv(Reader in, ImportOptions options, List<ImportProblem> problems)
            throws IOException {
        CsvRecords csv = new CsvRecords(in);
        List<Row> rows = new ArrayList<>();
        try {
            CsvRecords.Line header = csv.next();
            if (header == null) {
                problems.add(
                        new ImportProblem(
                                1,
                                "header",
                                Rule.MISSING_FIELD,
                                "the file is empty: a header row "
                                        + "naming the columns (question, answer, category, quality, system_prompt, notes) is required"));
                return rows;
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.cells().size(); i++) {
                String name = header.cells()
                        .get(i)
                        .trim()
                        .toLowerCase(Locale.ROOT)
                        .replace(' ', '_')
                        .replace('-', '_');
                if (!CSV_COLUMNS.contains(name)) {
                    problems.add(new ImportProblem(
                            1,
                            "header",
                            Rule.UNRECOGNIZED_FIELD,
                            "column " + (i + 1) + " is not one of question, answer, category, quality, system_prompt,"
                                    + " notes"));
                } else if (columns.putIfAbsent(name, i) != null) {
                    problems.add(new ImportProblem(1, "header", Rule.INVALID_CSV, "column " + name + " appears twice"));
                }
            }
            for (String required : List.of("question", "answer")) {
                if (!columns.containsKey(required)) {
                    problems.add(new ImportProblem(
                            1, "header", Rule.MISSING_FIELD, "the header has no " + required + " column"));
                }
            }
            if (!columns.containsKey("question") || !columns.containsKey("answer")) {
                return rows;
            }
            int width = header.cells().size();
            for (CsvRecords.Line r = csv.next(); r != null; r = csv.next()) {
                if (r.cells().size() == 1 && r.cells().get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (rows.size() >= options.maxRows()) {
                    problems.add(tooMany(r.line(), options));
                    break;
                }
                if (r.cells().size() > width) {
                    problems.add(new ImportProblem(
                            r.line(),
                            "row",
                            Rule.INVALID_CSV,
                            "the row has " + r.cells().size() + " cells, but the header names " + width));
                    rows.add(Row.broken(r.line()));
                    continue;
                }
                rows.add(new Row(
                        r.line(),
                        cell(r, columns, "system_prompt"),
                        List.of(),
                        rawCell(r, columns, "question"),
                        rawCell(r, columns, "answer"),
                        cell(r, columns, "category"),
                        cell(r, columns, "quality"),
                        cell(r, columns, "notes"),
                        false));
            }
        } catch (CsvRecords.Malformed e) {
            problems.add(new ImportProblem(e.line, "row", Rule.INVALID_CSV, e.problem));
        }
        return rows;
    }

    private static ImportProblem tooMany(long line, ImportOptions options) {
        return new ImportProblem(
                line,
                "row",
                Rule.TOO_MANY_ROWS,
                "the file has more than " + options.maxRows() + " rows; this row and the ones after it were not read");
    }

    /** A cell, null when the column is absent or the cell empty; spreadsheet-safe quoting undone. */
    private static @Nullable String cell(CsvRecords.Line r, Map<String, Integer> columns, String name) {
        String v = rawCell(r, columns, name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static @Nullable String rawCell(CsvRecords.Line r, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= r.cells().size()) {
            return null;
        }
        String v = r.cells().get(i);
        if (v.length() >= 2 && v.charAt(0) == '\'' && "=+-@\t\r".indexOf(v.charAt(1)) >= 0) {
            return v.substring(1); // written by Tables' spreadsheet-safe mode
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------------ JSONL

    private static List<Row> readJsonl(Reader in, ImportOptions options, List<ImportProblem> problems)
            throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        List<Row> rows = new ArrayList<>();
        long line = 0;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            if (rows.size() >= options.maxRows()) {
                problems.add(tooMany(line, options));
                break;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                problems.add(new ImportProblem(line, "line", Rule.INVALID_JSON, "the line is not one JSON object"));
                rows.add(Row.broken(line));
                continue;
            }
            Row row = new JsonRow(line, problems).read(options.format(), node);
            rows.add(row);
        }
        return rows;
    }

    /** Reads one JSONL line of a preset into a {@link Row}, adding a problem for each shape rule it breaks. */
    private static final class JsonRow {
        private final long line;
        private final List<ImportProblem> problems;
        private final int before;
        private @Nullable String system;
        private final List<ChatMessage> prior = new ArrayList<>();
        private final List<ChatMessage> steps = new ArrayList<>();
        private final List<ToolDefinition> tools = new ArrayList<>();
        private boolean hasTools;
        private @Nullable String question;
        private @Nullable String answer;

        JsonRow(long line, List<ImportProblem> problems) {
            this.line = line;
            this.problems = problems;
            this.before = problems.size();
        }

        private void problem(String field, Rule rule, String message) {
            problems.add(new ImportProblem(line, field, rule, message));
        }

        Row read(ImportFormat format, JsonNode node) {
            Set<String> keys = switch (format) {
                case SUPERVISED -> Set.of("messages", "tools", "parallel_tool_calls");
                case TRL_SFT -> Set.of("prompt", "completion", "tools");
                case GEMINI_SFT -> Set.of("systemInstruction", "system_instruction", "contents");
                case CSV -> throw new IllegalStateException("CSV is not JSONL");
            };
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (format == ImportFormat.GEMINI_SFT && k.equals("tools")) {
                    problem(k, Rule.UNSUPPORTED, "Gemini tool declarations are not imported");
                } else if (!keys.contains(k) && !META_KEYS.contains(k)) {
                    problem(k, Rule.UNRECOGNIZED_FIELD, "field " + shortName(k) + " is not part of " + format);
                }
            }
            JsonNode parallel = node.get("parallel_tool_calls");
            if (format == ImportFormat.SUPERVISED && parallel != null && !parallel.isBoolean()) {
                problem("parallel_tool_calls", Rule.INVALID_VALUE, "parallel_tool_calls must be true or false");
            }
            if (format != ImportFormat.GEMINI_SFT) {
                tools(node.get("tools"));
            }
            switch (format) {
                case SUPERVISED -> supervised(node);
                case TRL_SFT -> trl(node);
                case GEMINI_SFT -> gemini(node);
                case CSV -> throw new IllegalStateException("CSV is not JSONL");
            }
            String category = null;
            String quality = null;
            String notes = null;
            JsonNode c = node.get("category");
            if (c != null && !c.isNull()) {
                if (c.isTextual()) {
                    category = c.asText();
                } else {
                    problem("category", Rule.MISSING_FIELD, "category must be a string");
                }
            }
            JsonNode q = node.get("quality");
            if (q != null && !q.isNull()) {
                if (q.isIntegralNumber() || q.isTextual()) {
                    quality = q.asText();
                } else {
                    problem("quality", Rule.INVALID_VALUE, "quality must be an integer from 1 to 10");
                }
            }
            JsonNode n = node.get("notes");
            if (n != null && !n.isNull()) {
                if (n.isTextual()) {
                    notes = n.asText();
                } else {
                    problem("notes", Rule.MISSING_FIELD, "notes must be a string");
                }
            }
            if (problems.size() > before) {
                return Row.broken(line);
            }
            return new Row(
                    line,
                    system,
                    List.copyOf(prior),
                    question,
                    answer,
                    List.copyOf(steps),
                    List.copyOf(tools),
                    category,
                    quality,
                    notes,
                    false);
        }

        private static String shortName(String k) {
            return k.length() > 40 ? k.substring(0, 40) + "…" : k;
        }

        /**
         * The tools offered: {@code [{"type":"function","function":{"name", "description"?, "parameters"?}}]}, names
         * unique and non-empty, parameters a JSON object (kept as its JSON text; {@code {}} when absent).
         */
        private void tools(@Nullable JsonNode list) {
            if (list == null || list.isNull()) {
                return;
            }
            hasTools = true;
            if (!list.isArray() || list.isEmpty() || list.size() > Interaction.MAX_TOOLS) {
                problem(
                        "tools",
                        Rule.INVALID_SHAPE,
                        "tools must be a non-empty array of at most " + Interaction.MAX_TOOLS + " function tools");
                return;
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "tools[" + i + "]";
                JsonNode t = list.get(i);
                JsonNode f = t.isObject() ? t.get("function") : null;
                JsonNode type = t.isObject() ? t.get("type") : null;
                if (type == null || !"function".equals(type.textValue()) || f == null || !f.isObject()) {
                    problem(at, Rule.INVALID_SHAPE, at + " must be {\"type\":\"function\",\"function\":{…}}");
                    continue;
                }
                JsonNode name = f.get("name");
                JsonNode description = f.get("description");
                JsonNode parameters = f.get("parameters");
                if (name == null
                        || !name.isTextual()
                        || name.textValue().isBlank()
                        || name.textValue().length() > Interaction.MAX_ID_CHARS) {
                    problem(
                            at + ".function.name",
                            Rule.MISSING_FIELD,
                            at + ".function.name must be a non-blank string of at most " + Interaction.MAX_ID_CHARS
                                    + " characters");
                    continue;
                }
                if (description != null && !description.isNull() && !description.isTextual()) {
                    problem(at + ".function.description", Rule.INVALID_VALUE, "a description must be a string");
                    continue;
                }
                if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
                    problem(
                            at + ".function.parameters",
                            Rule.INVALID_VALUE,
                            at + ".function.parameters must be a JSON object (a JSON schema)");
                    continue;
                }
                if (!names.add(name.textValue())) {
                    problem(at + ".function.name", Rule.INVALID_VALUE, "a tool name appears twice in tools");
                    continue;
                }
                tools.add(new ToolDefinition(
                        name.textValue(),
                        description == null || description.isNull() ? null : description.textValue(),
                        parameters == null || parameters.isNull() ? "{}" : parameters.toString()));
            }
        }

        /** One message as read: a tool message names its call by id (OpenAI) or by the tool's name (TRL). */
        private record Msg(
                String role,
                String content,
                List<ToolCall> calls,
                @Nullable String callId,
                @Nullable String toolName,
                String at) {
            Msg(String role, String content, String at) {
                this(role, content, List.of(), null, null, at);
            }
        }

        /**
         * A list of OpenAI ({@code trl} false) or TRL messages: system, user, assistant (with {@code tool_calls}) and
         * tool messages. OpenAI's calls carry an {@code id} and the arguments as JSON text; TRL's carry the arguments
         * as a JSON object and no id, and TRL's tool messages name the tool instead of the call.
         */
        private List<Msg> messages(String field, @Nullable JsonNode list, boolean trl) {
            List<Msg> out = new ArrayList<>();
            if (list == null || !list.isArray() || list.isEmpty()) {
                problem(field, Rule.MISSING_FIELD, field + " must be a non-empty array of messages");
                return out;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode m = list.get(i);
                String at = field + "[" + i + "]";
                if (!m.isObject()) {
                    problem(at, Rule.INVALID_SHAPE, at + " must be a message object");
                    continue;
                }
                JsonNode role = m.get("role");
                if (m.has("function_call") || (role != null && "function".equals(role.textValue()))) {
                    problem(
                            at,
                            Rule.UNSUPPORTED,
                            "legacy function calls (function_call, role function) are not"
                                    + " imported; use tool_calls and role tool");
                    continue;
                }
                if (role == null || !role.isTextual()) {
                    problem(at + ".role", Rule.MISSING_FIELD, at + ".role must be a string");
                    continue;
                }
                String r = role.asText();
                if (!r.equals("system") && !r.equals("user") && !r.equals("assistant") && !r.equals("tool")) {
                    problem(at + ".role", Rule.INVALID_SHAPE, at + ".role must be system, user, assistant or tool");
                    continue;
                }
                JsonNode callsNode = m.get("tool_calls");
                boolean calling = callsNode != null && !callsNode.isNull();
                JsonNode content = m.get("content");
                String text;
                if (content != null && content.isTextual()) {
                    text = content.asText();
                } else if (calling && r.equals("assistant") && (content == null || content.isNull())) {
                    text = ""; // an assistant message that only calls tools
                } else {
                    problem(at + ".content", Rule.MISSING_FIELD, at + ".content must be a string");
                    continue;
                }
                if (calling && !r.equals("assistant")) {
                    problem(at + ".tool_calls", Rule.INVALID_SHAPE, "only an assistant message may have tool_calls");
                    continue;
                }
                if (r.equals("tool")) {
                    JsonNode id = m.get("tool_call_id");
                    JsonNode name = m.get("name");
                    String callId =
                            id != null && id.isTextual() && !id.textValue().isEmpty() ? id.textValue() : null;
                    String toolName = trl
                                    && name != null
                                    && name.isTextual()
                                    && !name.textValue().isEmpty()
                            ? name.textValue()
                            : null;
                    if (callId == null && toolName == null) {
                        problem(
                                at + (trl ? ".name" : ".tool_call_id"),
                                Rule.MISSING_FIELD,
                                at + " is a tool message without the "
                                        + (trl ? "name of the tool" : "tool_call_id of the call") + " it answers");
                        continue;
                    }
                    out.add(new Msg(r, text, List.of(), callId, toolName, at));
                    continue;
                }
                List<ToolCall> calls = calling ? calls(at + ".tool_calls", callsNode, trl) : List.of();
                out.add(new Msg(r, text, calls, null, null, at));
            }
            return out;
        }

        /** The calls of one assistant message; ids are left empty for TRL calls without one (given later). */
        private List<ToolCall> calls(String at, JsonNode list, boolean trl) {
            List<ToolCall> out = new ArrayList<>();
            if (!list.isArray() || list.isEmpty()) {
                problem(at, Rule.INVALID_SHAPE, at + " must be a non-empty array of tool calls");
                return out;
            }
            for (int k = 0; k < list.size(); k++) {
                String ca = at + "[" + k + "]";
                JsonNode call = list.get(k);
                JsonNode type = call.isObject() ? call.get("type") : null;
                JsonNode f = call.isObject() ? call.get("function") : null;
                JsonNode name = f != null && f.isObject() ? f.get("name") : null;
                if (type == null
                        || !"function".equals(type.textValue())
                        || name == null
                        || !name.isTextual()
                        || name.textValue().isBlank()) {
                    problem(
                            ca,
                            Rule.INVALID_SHAPE,
                            ca + " must be {\"type\":\"function\",\"function\":{\"name\":…,\"arguments\":…}}");
                    continue;
                }
                JsonNode idNode = call.get("id");
                String id = idNode != null && idNode.isTextual() ? idNode.textValue() : "";
                if (!trl && id.isEmpty()) {
                    problem(ca + ".id", Rule.MISSING_FIELD, ca + ".id must be a non-empty string");
                    continue;
                }
                JsonNode args = call.path("function").get("arguments");
                String arguments;
                if (trl) {
                    if (args == null || !args.isObject()) {
                        problem(
                                ca + ".function.arguments",
                                Rule.INVALID_VALUE,
                                ca + ".function.arguments must be a JSON object (TRL's form)");
                        continue;
                    }
                    arguments = args.toString();
                } else {
                    if (args == null || !args.isTextual() || PresetWriter.parseObject(args.textValue()) == null) {
                        problem(
                                ca + ".function.arguments",
                                Rule.INVALID_VALUE,
                                ca + ".function.arguments must be a string holding a JSON object");
                        continue;
                    }
                    arguments = args.textValue();
                }
                if (hasTools && tools.stream().noneMatch(t -> t.name().equals(name.textValue()))) {
                    problem(
                            ca + ".function.name",
                            Rule.INVALID_VALUE,
                            ca + " calls a tool that the row's tools do not declare");
                    continue;
                }
                out.add(new ToolCall(id, name.textValue(), arguments));
            }
            return out;
        }

        /**
         * Splits a conversation into its parts: an optional system message first; the prior turns (which may hold
         * their own tool exchanges); the user's last message, the question; the tool-calling steps after it
         * (assistant messages with tool calls and the tool messages answering them); the assistant's answer, last.
         * Every call must be answered by a tool message (naming its id, or for TRL its tool) before the next user or
         * assistant message; call ids are unique; TRL calls get the ids {@code call_1}, {@code call_2}, ….
         */
        private void conversation(String field, List<Msg> msgs) {
            if (problems.size() > before || msgs.isEmpty()) {
                return;
            }
            int from = 0;
            if (msgs.get(0).role().equals("system")) {
                system = msgs.get(0).content();
                from = 1;
            }
            int n = msgs.size();
            int user = -1;
            for (int i = from; i < n; i++) {
                if (msgs.get(i).role().equals("system")) {
                    problem(field, Rule.INVALID_SHAPE, field + " may have a system message only first");
                    return;
                }
                if (msgs.get(i).role().equals("user")) {
                    user = i;
                }
            }
            Msg last = msgs.get(n - 1);
            if (user < 0
                    || user == n - 1
                    || !last.role().equals("assistant")
                    || !last.calls().isEmpty()) {
                problem(
                        field,
                        Rule.INVALID_SHAPE,
                        field + " must end with a user message and the assistant's answer (after any tool calls and"
                                + " their results)");
                return;
            }
            Map<String, String> open = new LinkedHashMap<>(); // call id -> tool name, in call order
            Set<String> seen = new HashSet<>();
            Set<String> given = new HashSet<>();
            for (Msg m : msgs) {
                m.calls().forEach(c -> given.add(c.id()));
            }
            int generated = 0;
            List<ChatMessage> out = new ArrayList<>(n);
            for (int i = from; i < n; i++) {
                Msg m = msgs.get(i);
                if (i > user
                        && i < n - 1
                        && !m.role().equals("tool")
                        && m.calls().isEmpty()) {
                    problem(
                            m.at(),
                            Rule.INVALID_SHAPE,
                            "between the user's last message and the answer only tool calls and tool results may"
                                    + " stand");
                    return;
                }
                if (m.role().equals("tool")) {
                    String id = m.callId();
                    if (id == null) {
                        String name = m.toolName();
                        id = open.entrySet().stream()
                                .filter(e -> e.getValue().equals(name))
                                .map(Map.Entry::getKey)
                                .findFirst()
                                .orElse(null);
                    }
                    if (id == null || open.remove(id) == null) {
                        problem(m.at(), Rule.INVALID_SHAPE, m.at() + " answers no open tool call");
                        return;
                    }
                    ChatMessage t = message(m, Role.TOOL, List.of(), id);
                    if (t != null) {
                        out.add(t);
                    }
                    continue;
                }
                if (!open.isEmpty()) {
                    problem(
                            m.at(),
                            Rule.INVALID_SHAPE,
                            open.size() + " tool call(s) before " + m.at() + " have no tool message answering them");
                    return;
                }
                List<ToolCall> calls = new ArrayList<>(m.calls().size());
                for (ToolCall c : m.calls()) {
                    String id = c.id();
                    if (id.isEmpty()) {
                        do {
                            id = "call_" + ++generated;
                        } while (given.contains(id));
                    }
                    if (!seen.add(id)) {
                        problem(m.at() + ".tool_calls", Rule.INVALID_SHAPE, "a tool call id appears twice in the row");
                        return;
                    }
                    open.put(id, c.name());
                    calls.add(new ToolCall(id, c.name(), c.arguments()));
                }
                Role role = m.role().equals("user") ? Role.USER : Role.ASSISTANT;
                ChatMessage built = message(m, role, calls, null);
                if (built != null) {
                    out.add(built);
                }
            }
            if (out.size() != n - from) {
                return; // a message's text broke its rule (reported)
            }
            int u = user - from;
            prior.addAll(out.subList(0, u));
            question = msgs.get(user).content();
            steps.addAll(out.subList(u + 1, out.size() - 1));
            answer = last.content();
        }

        /** The message, or null (reported) when its text breaks a rule (invalid Unicode, too long). */
        private @Nullable ChatMessage message(Msg m, Role role, List<ToolCall> calls, @Nullable String callId) {
            try {
                return new ChatMessage(role, m.content(), calls, callId);
            } catch (ValidationException e) {
                problem(m.at() + ".content", Rule.INVALID_VALUE, e.problems().get(0));
                return null;
            }
        }

        private void supervised(JsonNode node) {
            conversation("messages", messages("messages", node.get("messages"), false));
        }

        private void trl(JsonNode node) {
            JsonNode prompt = node.get("prompt");
            JsonNode completion = node.get("completion");
            if (prompt != null && prompt.isTextual()) {
                if (completion == null || !completion.isTextual()) {
                    problem("completion", Rule.INVALID_SHAPE, "a plain-string prompt needs a plain-string completion");
                    return;
                }
                if (hasTools) {
                    problem("tools", Rule.INVALID_SHAPE, "tools need a conversational row (lists of messages)");
                    return;
                }
                question = prompt.asText();
                answer = completion.asText();
                return;
            }
            List<Msg> msgs = new ArrayList<>(messages("prompt", prompt, true));
            List<Msg> last = messages("completion", completion, true);
            if (problems.size() > before) {
                return;
            }
            for (Msg m : last) {
                if (!m.role().equals("assistant") && !m.role().equals("tool")) {
                    problem(
                            m.at(),
                            Rule.INVALID_SHAPE,
                            "completion must hold the assistant's answer, after any tool calls and their results");
                    return;
                }
            }
            msgs.addAll(last);
            conversation("prompt", msgs);
        }

        private void gemini(JsonNode node) {
            JsonNode si =
                    node.has("systemInstruction") ? node.get("systemInstruction") : node.get("system_instruction");
            if (si != null && !si.isNull()) {
                system = parts("systemInstruction", si);
            }
            JsonNode contents = node.get("contents");
            if (contents == null || !contents.isArray() || contents.isEmpty()) {
                problem("contents", Rule.MISSING_FIELD, "contents must be a non-empty array");
                return;
            }
            List<Msg> msgs = new ArrayList<>();
            if (system != null) {
                msgs.add(new Msg("system", system, "systemInstruction"));
            }
            for (int i = 0; i < contents.size(); i++) {
                JsonNode c = contents.get(i);
                String at = "contents[" + i + "]";
                JsonNode role = c.get("role");
                if (role == null
                        || !role.isTextual()
                        || !(role.asText().equals("user") || role.asText().equals("model"))) {
                    problem(at + ".role", Rule.INVALID_SHAPE, at + ".role must be user or model");
                    continue;
                }
                String text = parts(at, c);
                if (text != null) {
                    msgs.add(new Msg(role.asText().equals("model") ? "assistant" : "user", text, at));
                }
            }
            conversation("contents", msgs);
        }

        /** The concatenated text parts of a Gemini content or system instruction; null after a problem. */
        private @Nullable String parts(String at, JsonNode content) {
            JsonNode parts = content.isObject() ? content.get("parts") : null;
            if (parts == null || !parts.isArray() || parts.isEmpty()) {
                problem(at + ".parts", Rule.MISSING_FIELD, at + ".parts must be a non-empty array");
                return null;
            }
            StringBuilder sb = new StringBuilder();
            for (JsonNode p : parts) {
                if (p.has("functionCall") || p.has("functionResponse")) {
                    problem(at + ".parts", Rule.UNSUPPORTED, "Gemini function calls and responses are not imported");
                    return null;
                }
                JsonNode t = p.get("text");
                if (t == null || !t.isTextual()) {
                    problem(at + ".parts", Rule.INVALID_SHAPE, "every part of " + at + " must have a text");
                    return null;
                }
                sb.append(t.asText());
            }
            return sb.toString();
        }
    }

    /** Applies the record-time redactor, if any, remembering whether it masked anything. */
    private static final class Redacting {
        private final @Nullable Redactor redactor;
        boolean changed;

        Redacting(@Nullable Redactor redactor) {
            this.redactor = redactor;
        }

        String text(String s) {
            if (redactor == null) {
                return s;
            }
            Redaction r = redactor.redact(s);
            changed |= r.changed();
            return r.text();
        }

        /** Messages with their texts and the string values inside their tool-call arguments redacted. */
        List<ChatMessage> messages(List<ChatMessage> messages) {
            List<ChatMessage> out = new ArrayList<>(messages.size());
            for (ChatMessage m : messages) {
                List<ToolCall> calls = new ArrayList<>(m.toolCalls().size());
                for (ToolCall c : m.toolCalls()) {
                    calls.add(new ToolCall(c.id(), c.name(), arguments(c.arguments())));
                }
                out.add(new ChatMessage(m.role(), text(m.content()), calls, m.toolCallId()));
            }
            return out;
        }

        /** JSON object text with its string values redacted; the same text when nothing was masked. */
        private String arguments(String json) {
            if (redactor == null) {
                return json;
            }
            JsonNode tree = PresetWriter.parseObject(json);
            if (tree == null) {
                return text(json);
            }
            boolean before = changed;
            changed = false;
            JsonNode masked = strings(tree);
            boolean any = changed;
            changed |= before;
            return any ? masked.toString() : json;
        }

        private JsonNode strings(JsonNode n) {
            if (n.isTextual()) {
                return JSON.getNodeFactory().textNode(text(n.textValue()));
            }
            if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    o.replace(k, strings(Objects.requireNonNull(o.get(k))));
                }
            } else if (n instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, strings(a.get(i)));
                }
            }
            return n;
        }
    }

    @Override
    public String toString() {
        return "ExampleImporter[" + examples + "]";
    }
}
