package dev.tuneloop.eval;

import dev.tuneloop.errors.TuneloopException;
import dev.tuneloop.model.Embedder;
import java.util.List;

/** {@link Scorer#similarity}: thread-safe when the embedder is. */
final class SimilarityScorer implements Scorer {
    private final Embedder embedder;

    SimilarityScorer(Embedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public double score(String expected, String predicted, EvalCase evalCase) {
        if (predicted.isBlank()) {
            return 0;
        }
        List<float[]> v = embedder.embed(List.of(expected, predicted));
        if (v.size() != 2) {
            throw new TuneloopException(
                    "embedder returned " + v.size() + " vectors for 2 texts (case " + evalCase.id() + ")");
        }
        return Math.max(0, Embedder.cosine(v.get(0), v.get(1)));
    }

    @Override
    public String name() {
        return "similarity";
    }
}
