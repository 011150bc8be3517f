package dev.tuneloop.openai;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
                .ofMinLength(8)
                .ofMaxLength(80)
                .map(s -> "sk-" + s);
    }

    @Property
    void aKeyInAProviderMessageIsNeverRepeated(
            @ForAll("keys") String key, @ForAll("text") String before, @ForAll("text") String after) {
        String cleaned = OpenAiErrors.clean(before + key + after);
        assertThat(cleaned).doesNotContain(key.substring(3));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withChars("abc .,:;()\"'").ofMaxLength(40);
    }

    @Test
    void classifiesNotAvailableAnswers() {
        assertThat(OpenAiErrors.isUnavailable(403, null, null, "You do not have access"))
                .isTrue();
        assertThat(OpenAiErrors.isUnavailable(
                        403, "insufficient_permissions", null, "Missing scopes: api.fine_tuning.jobs.write"))
                .isFalse();
        assertThat(OpenAiErrors.isUnavailable(400, "model_not_available", "model", "x"))
                .isTrue();
        assertThat(OpenAiErrors.isUnavailable(
                        400, null, "model", "Model gpt-4o is not available for fine-tuning or does not exist."))
                .isTrue();
        assertThat(OpenAiErrors.isUnavailable(
                        400, "invalid_value", "hyperparameters.beta", "beta is not supported for this model"))
                .isFalse();
        assertThat(OpenAiErrors.isUnavailable(404, null, null, "No such job")).isFalse();
        assertThat(OpenAiErrors.isUnavailable(500, "unavailable", null, "overloaded"))
                .isFalse();
    }

    @Test
    void shortensLongMessages() {
        assertThat(OpenAiErrors.clean("x".repeat(1000))).hasSize(301).endsWith("…");
        assertThat(OpenAiErrors.clean(null)).isEqualTo("(no message)");
    }
}
