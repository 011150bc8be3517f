package dev.tuneloop.admin;

import java.util.List;
import java.util.Objects;

/**
 * The pre-training checklist as the admin API shows it.
 *
 * @param ready whether every required item passed
 * @param items the items in display order; never null
 */
public record Readiness(boolean ready, List<Item> items) {
    public Readiness {
        items = List.copyOf(items);
    }

    /**
     * One line of the checklist.
     *
     * @param name     what is checked, e.g. "At least 50 approved examples"; never null
     * @param passed   whether it holds
     * @param required whether training should wait until it holds (false for advice such as category balance)
     * @param detail   what was found, e.g. "42 approved, 8 more needed"; never null (may be empty)
     */
    public record Item(String name, boolean passed, boolean required, String detail) {
        public Item {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
