package dev.tuneloop.curate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuneloop.redact.Redactor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CurationOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        CurationOptions d = CurationOptions.defaults();
        assertThat(d.clock()).isEqualTo(Clock.systemUTC());
        assertThat(d.taxonomy()).isSameAs(CurationOptions.DEFAULT_TAXONOMY);
        assertThat(d.holdout()).isEqualTo(HoldoutSettings.DEFAULT);
        assertThat(d.redactor()).isEmpty();
    }

    @Test
    void toBuilderKeepsEverySettingTheRedactorIncluded() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-16T12:00:00Z"), ZoneOffset.UTC);
        Redactor redactor = Redactor.standard();
        HoldoutSettings holdout = HoldoutSettings.DEFAULT.withShare(0.2);
        CurationOptions o = CurationOptions.builder()
                .clock(clock)
                .taxonomy(Taxonomy.SEED)
                .holdout(holdout)
                .redactor(redactor)
                .build();

        CurationOptions copy = o.toBuilder().build();
        assertThat(copy.clock()).isSameAs(clock);
        assertThat(copy.taxonomy()).isSameAs(Taxonomy.SEED);
        assertThat(copy.holdout()).isEqualTo(holdout);
        assertThat(copy.redactor()).containsSame(redactor);

        CurationOptions open = o.toBuilder().taxonomy(Taxonomy.OPEN).build();
        assertThat(open.taxonomy()).isSameAs(Taxonomy.OPEN);
        assertThat(open.redactor()).containsSame(redactor);
        assertThat(CurationOptions.defaults().toBuilder().build().redactor()).isEmpty();
    }
}
