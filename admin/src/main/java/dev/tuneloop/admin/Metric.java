package dev.tuneloop.admin;

import java.util.Objects;

/**
 * One flywheel metric as the admin API shows it.
 *
 * @param name   e.g. "Feedback collection"; never null
 * @param value  the value as displayed, e.g. "34.2%"; never null
 * @param target the seed's target, e.g. "&gt;30% of interactions have feedback"; never null (may be empty)
 * @param met    whether the value meets the target; null when the metric has no target
 */
public record Metric(String name, String value, String target, Boolean met) {
    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(target, "target");
    }
}
