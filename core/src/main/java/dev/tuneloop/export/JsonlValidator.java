package dev.tuneloop.export;

import dev.tuneloop.errors.Checks;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks any JSONL fine-tuning file (not only Tuneloop's) the way a provider would, and reports every problem with
 * its 1-based line number, a stable {@link ProblemCode}, a {@link Severity} and a message that never quotes the
 * content.
 *
 * <p>Checks: the OpenAI cookbook's format checks ({@code data_type}, {@code missing_messages_list},
 * {@code message_missing_key}, {@code message_unrecognized_key}, {@code unrecognized_role}, {@code missing_content},
 * {@code example_missing_assistant_message}), extended to the developer role, tool messages and {@code tool_calls},
 * assistant {@code weight} 0 or 1, and the preference (DPO) shape; one format per file ({@code mixed_formats}, or
 * {@code unexpected_format} when built for one {@linkplain Builder#format format}); the minimum number of examples
 * ({@code too_few_examples}); the per-example token limit of the base model ({@code example_too_long}); warnings for
 * missing system or user messages and for inconsistent system prompts; and the bytes themselves
 * ({@code invalid_json}, {@code invalid_utf8}, {@code empty_line}, {@code bom}, {@code line_too_long}).
 *
 * <p>It never throws on malformed input: random bytes, invalid UTF-8, truncated lines, deep nesting (limited to
 * 64 levels), huge strings and wrong types all become problems. It reads one line at a time, so memory does not grow
 * with the file. Validators are immutable and thread-safe; each call is independent.
 *
 * <p><b>Checking a file before a fine-tuning job is launched.</b> This is the one home of the JSONL format rules, so a
 * launcher checks a file with it rather than with rules of its own: build the validator for the job's method and base
 * model, and list the errors with their line numbers.
 *
 * <pre>{@code
 * ValidationResult r = JsonlValidator.builder()
 *         .baseModel(baseModel)                 // tokenizer and per-example token limit
 *         .format(ExportFormat.PREFERENCE)      // DPO; ExportFormat.SUPERVISED for supervised fine-tuning
 *         .minExamples(0)                       // only if the provider's minimum is checked elsewhere
 *         .build()
 *         .validate(file);
 * if (!r.ok()) {
 *     for (Problem p : r.problems()) {          // line order; at most maxProblems of them
 *         if (p.severity() == Severity.ERROR) {
 *             problems.add(file.getFileName() + " line " + p.line() + " " + p.code().code() + ": " + p.message());
 *         }
 *     }
 *     if (r.problemsTruncated()) {              // r.errors() counts every error, also those not listed
 *         problems.add(file.getFileName() + " has " + r.errors() + " errors in all");
 *     }
 * }
 * long lines = r.lines();                       // 0 for an empty file
 * }</pre>
 *
 * <p><b>Presets.</b> Built for a TRL or Gemini {@linkplain Builder#format format}, it checks that preset's rules
 * instead: TRL's {@code prompt}/{@code completion}/{@code chosen}/{@code rejected}/{@code label} fields
 * ({@code missing_field}, {@code invalid_completion}, {@code invalid_label}, {@code invalid_last_turn}), one style per
 * file and per row ({@code mixed_dataset_styles}), plain-string prompts without trailing whitespace
 * ({@code prompt_trailing_whitespace}), the KTO balance ({@code kto_unbalanced}); Gemini's {@code contents} with
 * {@code user}/{@code model} turns and text {@code parts} ({@code invalid_parts}, {@code unrecognized_role},
 * {@code unrecognized_field}), scored {@code completions} ({@code invalid_preference_output}) and Vertex AI's
 * {@value #GEMINI_MAX_TOKENS_PER_EXAMPLE}-token limit; and no OpenAI-only keys ({@code openai_only_key}). A line of
 * another preset's shape is an {@code unexpected_format} error. The byte and JSON checks are the same for all.
 *
 * <pre>{@code
 * ValidationResult r = JsonlValidator.builder()
 *         .format(ExportFormat.GEMINI_SFT)     // or another TRL, Gemini or chat preset
 *         .minExamples(0)
 *         .build()
 *         .validate(file);
 * }</pre>
 *
 * <p>Every problem's message names the place (message index, key), never the content, so it may be logged and shown.
 * Warnings ({@link Severity#WARNING}) do not make a provider reject the file and do not affect {@link
 * ValidationResult#ok()}.
 */
public interface JsonlValidator {

    /** The default base model, whose token limit and tokenizer are used: {@value}. */
    String DEFAULT_BASE_MODEL = "gpt-4o-mini-2024-07-18";
    /** The fewest examples OpenAI accepts in a training file: {@value}. */
    int DEFAULT_MIN_EXAMPLES = 10;
    /**
     * Vertex AI's limit of input and output tokens per Gemini training example, supervised or preference
     * (131 072): the limit of validators built for {@link ExportFormat#GEMINI_SFT} or
     * {@link ExportFormat#GEMINI_PREFERENCE}, whatever the base model. Tokens are counted with the base model's
     * tokenizer (o200k for unknown models), an approximation of Gemini's own.
     */
    int GEMINI_MAX_TOKENS_PER_EXAMPLE = 131_072;
    /** The most problems kept in a result (all are counted): {@value}. */
    int DEFAULT_MAX_PROBLEMS = 1000;
    /** Lines longer than this many bytes are reported and skipped unread: {@value} (8 MiB). */
    int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

    /**
     * A validator with every default: gpt-4o-mini-2024-07-18, at least 10 examples, any one format per file.
     *
     * @return the validator
     */
    static JsonlValidator create() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a file.
     *
     * @param file the JSONL file
     * @return what was found
     * @throws dev.tuneloop.errors.TuneloopException when the file cannot be read (the cause says why); never for its
     *     content
     */
    ValidationResult validate(Path file);

    /**
     * Validates a stream to its end; the caller closes it.
     *
     * @param in the JSONL bytes
     * @return what was found
     * @throws dev.tuneloop.errors.TuneloopException when reading fails; never for the content
     */
    ValidationResult validate(InputStream in);

    /** Settings for a {@link JsonlValidator}; not thread-safe, the validator it builds is. */
    final class Builder {
        private String baseModel = DEFAULT_BASE_MODEL;
        private TokenLimits tokenLimits = TokenLimits.standard();
        private int minExamples = DEFAULT_MIN_EXAMPLES;
        private int maxProblems = DEFAULT_MAX_PROBLEMS;
        private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
        private @Nullable ExportFormat format;

        private Builder() {}

        /**
         * The base model to be fine-tuned: picks the tokenizer and the per-example token limit (default
         * {@value JsonlValidator#DEFAULT_BASE_MODEL}).
         *
         * @param baseModel the model id; not blank
         * @return this builder
         */
        public Builder baseModel(String baseModel) {
            this.baseModel = baseModel;
            return this;
        }

        /**
         * The per-example token limits by model (default {@link TokenLimits#standard()}).
         *
         * @param tokenLimits the limits
         * @return this builder
         */
        public Builder tokenLimits(TokenLimits tokenLimits) {
            this.tokenLimits = tokenLimits;
            return this;
        }

        /**
         * The fewest examples accepted (default {@value JsonlValidator#DEFAULT_MIN_EXAMPLES}).
         *
         * @param minExamples at least 0; 0 turns the check off
         * @return this builder
         */
        public Builder minExamples(int minExamples) {
            this.minExamples = minExamples;
            return this;
        }

        /**
         * The most problems kept in the result; all are still counted (default
         * {@value JsonlValidator#DEFAULT_MAX_PROBLEMS}).
         *
         * @param maxProblems at least 0
         * @return this builder
         */
        public Builder maxProblems(int maxProblems) {
            this.maxProblems = maxProblems;
            return this;
        }

        /**
         * Lines longer than this are reported as {@code line_too_long} and skipped (default
         * {@value JsonlValidator#DEFAULT_MAX_LINE_BYTES}).
         *
         * @param maxLineBytes at least 1024
         * @return this builder
         */
        public Builder maxLineBytes(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        /**
         * The format every example must have: an example of another format is an {@code unexpected_format} error on
         * its line, and a TRL or Gemini format switches to that preset's rules (see the interface's description). By
         * default (null) either OpenAI format is accepted, and examples whose format differs from the first example's
         * are {@code mixed_formats} errors.
         *
         * @param format the required format, or null for any one format
         * @return this builder
         */
        public Builder format(@Nullable ExportFormat format) {
            this.format = format;
            return this;
        }

        /**
         * Builds the validator.
         *
         * @return the validator
         * @throws dev.tuneloop.errors.ValidationException naming every bad setting
         */
        public JsonlValidator build() {
            Checks.start()
                    .require(baseModel != null && !baseModel.isBlank(), "baseModel must not be blank")
                    .require(tokenLimits != null, "tokenLimits must not be null")
                    .require(minExamples >= 0, "minExamples must be >= 0, but was " + minExamples)
                    .require(maxProblems >= 0, "maxProblems must be >= 0, but was " + maxProblems)
                    .require(maxLineBytes >= 1024, "maxLineBytes must be >= 1024, but was " + maxLineBytes)
                    .orThrow();
            return new StreamingJsonlValidator(
                    baseModel, Objects.requireNonNull(tokenLimits), minExamples, maxProblems, maxLineBytes, format);
        }
    }
}
