package dev.tuneloop.admin;

/**
 * What {@code GET /admin/curation/readiness} serves: the seed's pre-training checklist, evaluated now. Usually the
 * curation module's checklist. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReadinessSource {

    /** The checklist as it stands now. */
    Readiness check();
}
