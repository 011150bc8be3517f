package dev.tuneloop.kafka;

import dev.tuneloop.errors.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Merges the host's client settings with the ones Tuneloop's guarantees depend on. */
final class ClientConfigs {
    private ClientConfigs() {}

    /**
     * Copies {@code host}, checks that {@code bootstrap.servers} is set, refuses a host value for any key of
     * {@code enforced} that differs from ours (a setting must not be silently ignored), and adds the enforced ones.
     *
     * @throws ValidationException listing every problem
     */
    static Map<String, Object> merge(
            String client, Map<String, ?> host, Map<String, Object> enforced, Map<String, Object> defaults) {
        Objects.requireNonNull(host, client + " config");
        Map<String, Object> merged = new HashMap<>(defaults);
        merged.putAll(host);
        List<String> problems = new java.util.ArrayList<>();
        Object bootstrap = host.get("bootstrap.servers");
        if (bootstrap == null || bootstrap.toString().isBlank()) {
            problems.add(client + " config must set bootstrap.servers, but does not");
        }
        for (Map.Entry<String, Object> e : enforced.entrySet()) {
            Object given = host.get(e.getKey());
            if (given != null && !given.toString().equals(e.getValue().toString())) {
                problems.add(client + " config must not set " + e.getKey() + " to '" + given + "': Tuneloop needs '"
                        + e.getValue() + "'");
            }
            merged.put(e.getKey(), e.getValue());
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return merged;
    }
}
