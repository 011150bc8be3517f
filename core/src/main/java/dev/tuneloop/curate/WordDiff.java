package dev.tuneloop.curate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A word-level diff, for showing a reviewer what a user's edit changed.
 *
 * <p>Both texts are cut into tokens: maximal runs of whitespace and maximal runs of non-whitespace, so every space
 * and line break is kept. The shortest edit script between the token sequences is found with Myers' O(ND)
 * algorithm after the common prefix and suffix are stripped; adjacent tokens of the same kind are merged into one
 * {@link DiffOp}, and within a change the deletion comes before the insertion. When the texts differ in more than
 * {@link #MAX_EDIT_DISTANCE} tokens the middle part is reported as one deletion and one insertion, which bounds the
 * time and memory spent on two unrelated texts.
 *
 * <p>Stateless and thread-safe.
 */
public final class WordDiff {
    /** Above this many inserted plus deleted tokens, the changed middle is shown as a whole replacement. */
    public static final int MAX_EDIT_DISTANCE = 1_000;

    private WordDiff() {}

    /**
     * The runs that turn {@code original} into {@code edited}.
     *
     * @param original the text before the edit
     * @param edited   the text after it
     * @return the runs, in order; empty when both texts are empty
     * @throws NullPointerException when either text is null
     */
    public static List<DiffOp> between(String original, String edited) {
        List<String> a = tokens(original);
        List<String> b = tokens(edited);
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix
                && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        Runs runs = new Runs();
        for (int i = 0; i < prefix; i++) {
            runs.add(DiffOp.Kind.EQUAL, a.get(i));
        }
        List<String> midA = a.subList(prefix, a.size() - suffix);
        List<String> midB = b.subList(prefix, b.size() - suffix);
        if (!myers(midA, midB, runs)) {
            midA.forEach(t -> runs.add(DiffOp.Kind.DELETE, t));
            midB.forEach(t -> runs.add(DiffOp.Kind.INSERT, t));
        }
        for (int i = a.size() - suffix; i < a.size(); i++) {
            runs.add(DiffOp.Kind.EQUAL, a.get(i));
        }
        return runs.done();
    }

    /** Cuts {@code s} into maximal whitespace and non-whitespace runs; their concatenation is {@code s}. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int start = 0;
        while (start < n) {
            boolean ws = Character.isWhitespace(s.charAt(start));
            int end = start + 1;
            while (end < n && Character.isWhitespace(s.charAt(end)) == ws) {
                end++;
            }
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }

    /**
     * Myers' greedy forward search keeping one V array per edit step, then a walk back through them.
     * Returns false, adding nothing, when the distance exceeds {@link #MAX_EDIT_DISTANCE}.
     */
    private static boolean myers(List<String> a, List<String> b, Runs runs) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, MAX_EDIT_DISTANCE);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            // only diagonals -d-1 .. d+1 can be read when walking back through step d: O(D^2) memory
            trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                    x = v[offset + k + 1];
                } else {
                    x = v[offset + k - 1] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) {
            return false;
        }
        // walk back from (n, m) collecting operations in reverse
        List<DiffOp.Kind> kinds = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] prev = trace.get(d);
            int k = x - y;
            int base = d + 1; // prev[base + j] is diagonal j
            int prevK = (k == -d || (k != d && prev[base + k - 1] < prev[base + k + 1])) ? k + 1 : k - 1;
            int prevX = prev[base + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                kinds.add(DiffOp.Kind.EQUAL);
                texts.add(a.get(x - 1));
                x--;
                y--;
            }
            if (x == prevX) {
                kinds.add(DiffOp.Kind.INSERT);
                texts.add(b.get(y - 1));
            } else {
                kinds.add(DiffOp.Kind.DELETE);
                texts.add(a.get(x - 1));
            }
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            kinds.add(DiffOp.Kind.EQUAL);
            texts.add(a.get(x - 1));
            x--;
            y--;
        }
        for (int i = kinds.size() - 1; i >= 0; i--) {
            runs.add(kinds.get(i), texts.get(i));
        }
        return true;
    }

    /** Merges tokens into runs; within a change, deletions are put before insertions. */
    private static final class Runs {
        private final List<DiffOp> ops = new ArrayList<>();
        private final StringBuilder equal = new StringBuilder();
        private final StringBuilder deleted = new StringBuilder();
        private final StringBuilder inserted = new StringBuilder();

        void add(DiffOp.Kind kind, String token) {
            switch (kind) {
                case EQUAL -> {
                    flushChange();
                    equal.append(token);
                }
                case DELETE -> {
                    flushEqual();
                    deleted.append(token);
                }
                case INSERT -> {
                    flushEqual();
                    inserted.append(token);
                }
            }
        }

        private void flushEqual() {
            if (equal.length() > 0) {
                ops.add(new DiffOp(DiffOp.Kind.EQUAL, equal.toString()));
                equal.setLength(0);
            }
        }

        private void flushChange() {
            if (deleted.length() > 0) {
                ops.add(new DiffOp(DiffOp.Kind.DELETE, deleted.toString()));
                deleted.setLength(0);
            }
            if (inserted.length() > 0) {
                ops.add(new DiffOp(DiffOp.Kind.INSERT, inserted.toString()));
                inserted.setLength(0);
            }
        }

        List<DiffOp> done() {
            flushChange();
            flushEqual();
            return List.copyOf(ops);
        }
    }
}
