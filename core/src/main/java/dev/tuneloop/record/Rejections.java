package dev.tuneloop.record;

import dev.tuneloop.errors.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Counts items refused as invalid, by rule, and logs each rule once with its field and the item's id, never the
 * content. Thread-safe.
 */
final class Rejections {
    /** The value part of a problem ({@code ", but has 3"}, {@code " at index 7"}), cut to make the rule's key. */
    private static final Pattern VALUE =
            Pattern.compile("(, but (?:has at least|has|was) (?!an ).*$)|(,? (?:found )?at index \\d+$)");

    private final Logger log;
    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> byRule = new ConcurrentHashMap<>();

    Rejections(Logger log) {
        this.log = log;
    }

    /**
     * The rule a problem names, without the value: stable across items, so it can be a counter's key.
     *
     * @param problem a problem of a {@link ValidationException}
     * @return the field and the rule
     */
    static String ruleOf(String problem) {
        return VALUE.matcher(problem).replaceFirst("");
    }

    /**
     * Counts one refused item under each of its problems' rules; the first time a rule is seen, logs it.
     *
     * @param what the item, as logs name it (its id, never its content)
     * @param problems the problems found
     */
    void reject(String what, List<String> problems) {
        total.incrementAndGet();
        for (String problem : problems) {
            String rule = ruleOf(problem);
            LongAdder count = byRule.get(rule);
            if (count == null) {
                LongAdder fresh = new LongAdder();
                count = byRule.putIfAbsent(rule, fresh);
                if (count == null) {
                    count = fresh;
                    log.warn(
                            "Tuneloop recorder rejected {} as invalid: {} (logged once per rule; see"
                                    + " RecorderStats.rejectedByRule for the counts)",
                            what,
                            rule);
                }
            }
            count.increment();
        }
    }

    long total() {
        return total.get();
    }

    Map<String, Long> byRule() {
        Map<String, Long> out = new HashMap<>();
        byRule.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
