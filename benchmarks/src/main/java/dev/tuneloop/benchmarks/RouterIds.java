package dev.tuneloop.benchmarks;

import java.util.SplittableRandom;

/** The user ids every router benchmark routes: 1 024 random ASCII ids of one length, the same for every peer. */
public final class RouterIds {
    /** How many ids are cycled; a power of two. */
    public static final int COUNT = 1_024;
    /** The fine-tuned model of the seed's 80 / 20 experiment. */
    public static final String FINE_TUNED = "ft:gpt-4o-mini-2024-07-18:org::abc123";
    /** The base model of the seed's 80 / 20 experiment. */
    public static final String BASE = "gpt-4o-mini";

    private RouterIds() {}

    /** {@link #COUNT} ids of {@code length} chars from a fixed seed. */
    public static String[] make(int length) {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
        String[] ids = new String[COUNT];
        for (int i = 0; i < COUNT; i++) {
            char[] c = new char[length];
            for (int j = 0; j < length; j++) {
                c[j] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            ids[i] = new String(c);
        }
        return ids;
    }
}
