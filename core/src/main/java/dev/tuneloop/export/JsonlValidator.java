package dev.tuneloop.export;

import dev.tuneloop.internal.Checks;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks any JSONL fine-tuning file (not only Tuneloop's) the way a provider would, and reports every problem with
 * its 1-based line number, a stable {@link ProblemCode}, a {@link Severity} and a message that never quotes the
 * content.
 *
 * <p>Checks: the OpenAI cookbook's format checks ({@code data_type}, {@code missing_messages_list},
 * {@code message_missing_key}, {@code message_unrecognized_key}, {@code unrecognized_role}, {@code missing_content},
 * {@code example_missing_assistant_message}), extended to the developer role, tool messages and {@code tool_calls},
 * assistant {@code weight} 0 or 1, and the preference (DPO) shape; the minimum number of examples
 * ({@code too_few_examples}); the per-example token limit of the base model ({@code example_too_long}); warnings for
 * missing system or user messages and for inconsistent system prompts; and the bytes themselves
 * ({@code invalid_json}, {@code invalid_utf8}, {@code empty_line}, {@code bom}, {@code line_too_long}).
 *
 * <p>It never throws on malformed input: random bytes, invalid UTF-8, truncated lines, deep nesting (limited to
 * 64 levels), huge strings and wrong types all become problems. It reads one line at a time, so memory does not grow
 * with the file. Validators are immutable and thread-safe; each call is independent.
 */
public interface JsonlValidator {

    /** The default base model, whose token limit and tokenizer are used: {@value}. */
    String DEFAULT_BASE_MODEL = "gpt-4o-mini-2024-07-18";
    /** The fewest examples OpenAI accepts in a training file: {@value}. */
    int DEFAULT_MIN_EXAMPLES = 10;
    /** The most problems kept in a result (all are counted): {@value}. */
    int DEFAULT_MAX_PROBLEMS = 1000;
    /** Lines longer than this many bytes are reported and skipped unread: {@value} (8 MiB). */
    int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

    /** A validator with every default (gpt-4o-mini-2024-07-18, at least 10 examples). */
    static JsonlValidator create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a file.
     *
     * @throws dev.tuneloop.errors.TuneloopException when the file cannot be read (the cause says why); never for its content
     */
    ValidationResult validate(Path file);

    /**
     * Validates a stream to its end; the caller closes it.
     *
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

        private Builder() {}

        /** The base model to be fine-tuned: picks the tokenizer and the per-example token limit. */
        public Builder baseModel(String baseModel) {
            this.baseModel = baseModel;
            return this;
        }

        /** The per-example token limits by model (default {@link TokenLimits#standard()}). */
        public Builder tokenLimits(TokenLimits tokenLimits) {
            this.tokenLimits = tokenLimits;
            return this;
        }

        /** The fewest examples accepted (0 turns the check off). */
        public Builder minExamples(int minExamples) {
            this.minExamples = minExamples;
            return this;
        }

        /** The most problems kept in the result; all are still counted. */
        public Builder maxProblems(int maxProblems) {
            this.maxProblems = maxProblems;
            return this;
        }

        /** Lines longer than this are reported as {@code line_too_long} and skipped. */
        public Builder maxLineBytes(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        /** @throws dev.tuneloop.errors.ValidationException naming every bad setting */
        public JsonlValidator build() {
            Checks.start()
                    .require(baseModel != null && !baseModel.isBlank(), "baseModel must not be blank")
                    .require(tokenLimits != null, "tokenLimits must not be null")
                    .require(minExamples >= 0, "minExamples must be >= 0, but was " + minExamples)
                    .require(maxProblems >= 0, "maxProblems must be >= 0, but was " + maxProblems)
                    .require(maxLineBytes >= 1024, "maxLineBytes must be >= 1024, but was " + maxLineBytes)
                    .orThrow();
            return new StreamingJsonlValidator(
                    baseModel, Objects.requireNonNull(tokenLimits), minExamples, maxProblems, maxLineBytes);
        }
    }
}
