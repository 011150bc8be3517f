package dev.tuneloop.benchmarks;

import dev.tuneloop.curate.Category;
import dev.tuneloop.curate.ExampleId;
import dev.tuneloop.curate.ExampleQuery;
import dev.tuneloop.curate.ExampleRevision;
import dev.tuneloop.curate.ExampleStatus;
import dev.tuneloop.curate.ExampleStore;
import dev.tuneloop.curate.QualityScore;
import dev.tuneloop.curate.Split;
import dev.tuneloop.curate.TrainingExample;
import dev.tuneloop.record.InteractionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A read-only {@link ExampleStore} that makes its examples while it is scanned, so it holds nothing: {@code n}
 * approved TRAIN examples of about {@code tokens} o200k tokens each (financial prose with an e-mail address and a
 * phone number to redact, some edited), plus a fixed holdout of 50 examples. Deterministic.
 */
final class SyntheticExampleStore implements ExampleStore {
    static final int HOLDOUT = 50;
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final String SYSTEM = "You are a financial analyst assistant for SigmaSight, specializing in SEC "
            + "filings, earnings analysis, and financial metrics. Cite specific sources and use precise numbers.";
    private static final String[] WORDS =
            ("NVIDIA reported revenue of $35.1B in Q3 FY2025, up 94% year over year; data "
                            + "center revenue reached $30.8B while gaming contributed $3.3B. Stock-based compensation was $1.40 billion, "
                            + "about 4.0% of revenue, with research and development accounting for 67% of the total. GAAP operating "
                            + "income rose to $21.9B and non-GAAP gross margin was 75.0%, according to the 10-Q filing and the 8-K "
                            + "earnings release. Analysts expect continued growth driven by Blackwell demand and hyperscaler capex.")
                    .split(" ");

    private final int n;
    private final int tokens;

    SyntheticExampleStore(int n, int tokens) {
        this.n = n;
        this.tokens = tokens;
    }

    @Override
    public void scan(ExampleQuery query, Consumer<TrainingExample> sink) {
        if (query.split() != Split.TRAIN) {
            for (int i = 0; i < HOLDOUT; i++) {
                sink.accept(example(-1 - i, Split.HOLDOUT));
            }
        }
        if (query.split() != Split.HOLDOUT) {
            for (int i = 0; i < n; i++) {
                sink.accept(example(i, Split.TRAIN));
            }
        }
    }

    private TrainingExample example(long i, Split split) {
        // split(): seeds a multiple of the golden gamma apart would give shifted copies of one stream
        SplittableRandom r = new SplittableRandom(i).split();
        // this prose has about 1.75 tokens per word; the system prompt, the question and the framing take about 100
        String user = "Question " + i + ": " + words(r, 30) + "? Reply to analyst" + (i & 1023) + "@example.com.";
        String answer = words(r, Math.max(10, (tokens - 100) * 4 / 7)) + " Call +1 415 555 0" + (100 + (i & 255)) + ".";
        String edited = i % 4 == 0 ? answer + " Source: 10-Q." : null;
        UUID id = new UUID(0x7000L | (i << 16), 0x8000000000000000L | (i & 0xFFFFFFFFL));
        return TrainingExample.builder(
                        new ExampleId(id),
                        new InteractionId(new UUID(0x7000L | (i << 16), 1 + i)),
                        ExampleStatus.APPROVED,
                        split)
                .userId("user-" + i)
                .interactionCreatedAt(T0)
                .systemPrompt(SYSTEM)
                .userMessage(user)
                .originalResponse(answer)
                .userEditedResponse(edited)
                .modelUsed("gpt-4o-mini")
                .category(Category.SEC_10Q)
                .quality(QualityScore.of(6 + Math.floorMod(i, 5)))
                .reviewer("reviewer")
                .createdAt(T0)
                .reviewedAt(T0)
                .build();
    }

    private static String words(SplittableRandom r, int count) {
        StringBuilder b = new StringBuilder(count * 7);
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                b.append(' ');
            }
            b.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    @Override
    public void save(TrainingExample example, ExampleRevision revision) {
        throw new IllegalStateException("the synthetic store is read-only");
    }

    @Override
    public Optional<TrainingExample> find(ExampleId id) {
        return Optional.empty();
    }

    @Override
    public Optional<TrainingExample> findBySource(InteractionId sourceInteractionId) {
        return Optional.empty();
    }

    @Override
    public List<ExampleRevision> history(ExampleId id) {
        return List.of();
    }
}
