package dev.tuneloop.store;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The erasure contract on the in-memory store. Its "tables" are its fields: every string reachable from the store
 * (through Tuneloop's own objects by reflection, and collections, maps, arrays and optionals through their API) is
 * searched, so a field added later is covered without touching this test.
 */
class InMemoryErasureTest extends ErasureContract {
    @Override
    protected Store newStore() {
        return Store.inMemory();
    }

    @Override
    protected Map<String, List<String>> storedTexts(Store store) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        walk(store, "store", out, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void walk(Object o, String path, Map<String, List<String>> out, Set<Object> seen) {
        if (o instanceof String s) {
            out.computeIfAbsent(path, k -> new ArrayList<>()).add(s);
            return;
        }
        if (o instanceof Number || o instanceof Boolean || o instanceof Character || o instanceof Enum<?>) {
            return;
        }
        if (!seen.add(o)) {
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walkNullable(e.getKey(), path + "{key}", out, seen);
                walkNullable(e.getValue(), path + "{value}", out, seen);
            }
        } else if (o instanceof Collection<?> c) {
            for (Object e : c) {
                walkNullable(e, path + "[]", out, seen);
            }
        } else if (o instanceof Optional<?> opt) {
            opt.ifPresent(v -> walk(v, path, out, seen));
        } else if (o.getClass().isArray()) {
            if (!o.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(o); i++) {
                    walkNullable(Array.get(o, i), path + "[]", out, seen);
                }
            }
        } else if (o.getClass().getName().startsWith("dev.tuneloop.")) {
            for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    f.setAccessible(true);
                    try {
                        walkNullable(f.get(o), c.getSimpleName() + "." + f.getName(), out, seen);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError("cannot read " + f, e);
                    }
                }
            }
        }
        // anything else (locks, clocks, instants, UUIDs) holds no text
    }

    private static void walkNullable(Object o, String path, Map<String, List<String>> out, Set<Object> seen) {
        if (o != null) {
            walk(o, path, out, seen);
        }
    }
}
