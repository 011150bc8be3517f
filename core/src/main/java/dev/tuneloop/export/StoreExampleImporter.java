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
import dev.tuneloop.record.InteractionId;
import dev.tuneloop.record.Limits;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            @Nullable String category,
            @Nullable String quality,
            @Nullable String notes,
            boolean broken) {

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
        List<ChatMessage> prior = new ArrayList<>(r.prior().size());
        for (ChatMessage m : r.prior()) {
            prior.add(new ChatMessage(m.role(), red.text(m.content()), m.toolCalls(), m.toolCallId()));
        }
        String question = red.text(nonNull(r.question()));
        String answer = red.text(nonNull(r.answer()));
        text(line, "question", question, true, Limits.DEFAULT_MAX_TEXT_BYTES, problems);
        text(line, "answer", answer, true, Limits.DEFAULT_MAX_TEXT_BYTES, problems);
        if (problems.size() > before) {
            return null; // the redactor left a blank text
        }
        return new Checked(
                line, r.system(), List.copyOf(prior), question, answer, category, quality, r.notes(), red.changed);
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
                case SUPERVISED -> Set.of("messages");
                case TRL_SFT -> Set.of("prompt", "completion");
                case GEMINI_SFT -> Set.of("systemInstruction", "system_instruction", "contents");
                case CSV -> throw new IllegalStateException("CSV is not JSONL");
            };
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.equals("tools") || k.equals("parallel_tool_calls")) {
                    problem(k, Rule.UNSUPPORTED, "tool definitions are not imported yet");
                } else if (!keys.contains(k) && !META_KEYS.contains(k)) {
                    problem(k, Rule.UNRECOGNIZED_FIELD, "field " + shortName(k) + " is not part of " + format);
                }
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
            return new Row(line, system, List.copyOf(prior), question, answer, category, quality, notes, false);
        }

        private static String shortName(String k) {
            return k.length() > 40 ? k.substring(0, 40) + "…" : k;
        }

        /** A list of OpenAI/TRL messages: system first (optional), then user/assistant turns. */
        private List<String[]> messages(String field, @Nullable JsonNode list) {
            List<String[]> out = new ArrayList<>();
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
                if (m.has("tool_calls") || m.has("tool_call_id") || m.has("function_call")) {
                    problem(at, Rule.UNSUPPORTED, "tool calls and tool results are not imported yet");
                    continue;
                }
                JsonNode role = m.get("role");
                JsonNode content = m.get("content");
                if (role == null || !role.isTextual()) {
                    problem(at + ".role", Rule.MISSING_FIELD, at + ".role must be a string");
                    continue;
                }
                if (content == null || !content.isTextual()) {
                    problem(at + ".content", Rule.MISSING_FIELD, at + ".content must be a string");
                    continue;
                }
                String r = role.asText();
                if (r.equals("tool") || r.equals("function")) {
                    problem(at + ".role", Rule.UNSUPPORTED, "tool calls and tool results are not imported yet");
                    continue;
                }
                if (!r.equals("system") && !r.equals("user") && !r.equals("assistant")) {
                    problem(at + ".role", Rule.INVALID_SHAPE, at + ".role must be system, user or assistant");
                    continue;
                }
                out.add(new String[] {r, content.asText()});
            }
            return out;
        }

        /** Splits a conversation ending with the gold assistant message into its parts. */
        private void conversation(String field, List<String[]> msgs) {
            if (problems.size() > before || msgs.isEmpty()) {
                return;
            }
            int from = 0;
            if (msgs.get(0)[0].equals("system")) {
                system = msgs.get(0)[1];
                from = 1;
            }
            int n = msgs.size();
            if (n - from < 2 || !msgs.get(n - 1)[0].equals("assistant") || !msgs.get(n - 2)[0].equals("user")) {
                problem(field, Rule.INVALID_SHAPE, field + " must end with a user message and the assistant's answer");
                return;
            }
            for (int i = from; i < n - 2; i++) {
                String[] m = msgs.get(i);
                if (m[0].equals("system")) {
                    problem(field, Rule.INVALID_SHAPE, field + " may have a system message only first");
                    return;
                }
                try {
                    prior.add(m[0].equals("user") ? ChatMessage.user(m[1]) : ChatMessage.assistant(m[1]));
                } catch (ValidationException e) {
                    problem(
                            field + "[" + i + "].content",
                            Rule.INVALID_VALUE,
                            e.problems().get(0));
                }
            }
            question = msgs.get(n - 2)[1];
            answer = msgs.get(n - 1)[1];
        }

        private void supervised(JsonNode node) {
            conversation("messages", messages("messages", node.get("messages")));
        }

        private void trl(JsonNode node) {
            JsonNode prompt = node.get("prompt");
            JsonNode completion = node.get("completion");
            if (prompt != null && prompt.isTextual()) {
                if (completion == null || !completion.isTextual()) {
                    problem("completion", Rule.INVALID_SHAPE, "a plain-string prompt needs a plain-string completion");
                    return;
                }
                question = prompt.asText();
                answer = completion.asText();
                return;
            }
            List<String[]> msgs = new ArrayList<>(messages("prompt", prompt));
            List<String[]> last = messages("completion", completion);
            if (problems.size() > before) {
                return;
            }
            if (last.size() != 1 || !last.get(0)[0].equals("assistant")) {
                problem("completion", Rule.INVALID_SHAPE, "completion must be exactly one assistant message");
                return;
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
            List<String[]> msgs = new ArrayList<>();
            if (system != null) {
                msgs.add(new String[] {"system", system});
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
                    msgs.add(new String[] {role.asText().equals("model") ? "assistant" : "user", text});
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
                    problem(at + ".parts", Rule.UNSUPPORTED, "function calls and responses are not imported yet");
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
    }

    @Override
    public String toString() {
        return "ExampleImporter[" + examples + "]";
    }
}
