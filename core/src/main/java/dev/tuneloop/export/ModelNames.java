package dev.tuneloop.export;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Looks a base model up in a table keyed by model names or name prefixes. */
final class ModelNames {
    private ModelNames() {}

    /** The model lower-cased; a fine-tuned id ({@code ft:base:org::id}) becomes its base. */
    static String base(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (m.startsWith("ft:")) {
            int end = m.indexOf(':', 3);
            m = end < 0 ? m.substring(3) : m.substring(3, end);
        }
        return m;
    }

    /**
     * The value of the exact key, else of the longest key that is a prefix of the model followed by {@code -}
     * (so {@code gpt-4o-mini-2024-07-18} finds {@code gpt-4o-mini}, never {@code gpt-4o}).
     */
    static <T> Optional<T> lookup(Map<String, T> table, String model) {
        String m = base(model);
        T exact = table.get(m);
        if (exact != null) {
            return Optional.of(exact);
        }
        Map.Entry<String, T> best = null;
        for (Map.Entry<String, T> entry : table.entrySet()) {
            String key = entry.getKey();
            if (m.startsWith(key)
                    && m.length() > key.length()
                    && m.charAt(key.length()) == '-'
                    && (best == null || key.length() > best.getKey().length())) {
                best = entry;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.getValue());
    }
}
