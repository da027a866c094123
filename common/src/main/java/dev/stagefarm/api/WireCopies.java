package dev.stagefarm.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The defensive copies of the wire records: absent (null) is empty, order is kept, null entries are refused. */
final class WireCopies {
    private WireCopies() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static Map<String, String> map(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "a null key"),
                Objects.requireNonNull(value, () -> "a null value for " + key)));
        return Collections.unmodifiableMap(copy);
    }
}
