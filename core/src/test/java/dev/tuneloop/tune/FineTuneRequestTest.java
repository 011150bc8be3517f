package dev.tuneloop.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuneloop.errors.ValidationException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class FineTuneRequestTest {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");

    @Test
    void defaultsAreSupervisedAndAuto() {
        FineTuneRequest r =
                FineTuneRequest.builder("gpt-4o-mini-2024-07-18", "file-1").build();
        assertThat(r.method()).isEqualTo(FineTuneMethod.SUPERVISED);
        assertThat(r.hyperparameters().allAuto()).isTrue();
        assertThat(r.suffix()).isNull();
        assertThat(r.seed()).isNull();
        assertThat(r.metadata()).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> FineTuneRequest.builder(" ", null)
                        .suffix("has space")
                        .hyperparameters(Hyperparameters.AUTO.withBeta(0.1))
                        .build())
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "baseModel must not be empty or blank",
                                        "trainingFileId is required, but was null",
                                        "suffix must be 1-64 characters of A-Z, a-z, 0-9, '-' or '_', but was \"has space\" (9 characters)",
                                        "hyperparameters.beta applies only to method DPO, but method was SUPERVISED"));
    }

    @Test
    void acceptsBetaForDpo() {
        FineTuneRequest r = FineTuneRequest.builder("m", "file-1")
                .method(FineTuneMethod.DPO)
                .hyperparameters(Hyperparameters.AUTO.withBeta(0.1).withEpochs(2))
                .seed(42)
                .suffix("v1")
                .metadata("dataset", "abc")
                .build();
        assertThat(r.hyperparameters().beta().number()).isEqualTo(0.1);
        assertThat(r.metadata()).containsEntry("dataset", "abc");
    }

    @Test
    void limitsMetadata() {
        FineTuneRequest.Builder b = FineTuneRequest.builder("m", "file-1");
        for (int i = 0; i < 17; i++) {
            b.metadata("k" + i, "v");
        }
        assertThatThrownBy(b::build).hasMessageContaining("metadata must have at most 16 entries, but had 17");
        assertThatThrownBy(() -> FineTuneRequest.builder("m", "f")
                        .metadata("k", "x".repeat(513))
                        .build())
                .hasMessageContaining("metadata value of key \"k\"")
                .hasMessageContaining("513 characters");
    }

    @Test
    void hyperparametersNameTheRule() {
        assertThat(Hyperparameters.AUTO.withEpochs(51).nEpochs().number()).isEqualTo(51);
        assertThatThrownBy(() -> FineTuneRequest.builder("m", "f")
                        .method(FineTuneMethod.REINFORCEMENT)
                        .build())
                .hasMessageContaining("method must be SUPERVISED or DPO");
        assertThatThrownBy(() ->
                        new Hyperparameters(HyperValue.of(2.5), HyperValue.AUTO, HyperValue.AUTO, HyperValue.AUTO))
                .hasMessageContaining("nEpochs must be a whole number");
        assertThatThrownBy(() -> Hyperparameters.AUTO.withBatchSize(0))
                .hasMessageContaining("must be a finite number > 0 or auto, but was 0.0");
        assertThatThrownBy(() -> HyperValue.of(Double.NaN)).isInstanceOf(ValidationException.class);
        assertThat(HyperValue.of(3).toString()).isEqualTo("3");
        assertThat(HyperValue.of(0.5).toString()).isEqualTo("0.5");
        assertThat(HyperValue.AUTO.toString()).isEqualTo("auto");
    }

    @Property
    void suffixIsAcceptedExactlyWhenItFollowsTheRule(@ForAll @StringLength(min = 0, max = 70) String suffix) {
        boolean valid = !suffix.isEmpty()
                && suffix.length() <= 64
                && ALLOWED.matcher(suffix).matches();
        FineTuneRequest.Builder b = FineTuneRequest.builder("m", "file-1").suffix(suffix);
        if (valid) {
            assertThat(b.build().suffix()).isEqualTo(suffix);
        } else {
            assertThatThrownBy(b::build).isInstanceOf(ValidationException.class).hasMessageContaining("suffix");
        }
    }

    @Property
    void suffixesOfAllowedCharactersUpTo64Pass(@ForAll("allowedSuffixes") String s) {
        assertThat(FineTuneRequest.builder("m", "file-1").suffix(s).build().suffix())
                .isEqualTo(s);
    }

    @Provide
    Arbitrary<String> allowedSuffixes() {
        return Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars('-', '_')
                .ofMinLength(1)
                .ofMaxLength(64);
    }
}
