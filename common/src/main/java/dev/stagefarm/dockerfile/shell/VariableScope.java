package dev.stagefarm.dockerfile.shell;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables visible to one expansion: a name either has a value (possibly empty) or is unset.
 *
 * <p>The difference between unset and empty matters: {@code ${V-w}} and {@code ${V?msg}} only
 * look at whether {@code V} is set, while {@code ${V:-w}} and {@code ${V:?msg}} also treat an
 * empty value as unset. Names are case-sensitive, as on Linux. Implementations are immutable
 * and thread-safe.
 */
public interface VariableScope {

    /** The value of {@code name}, or null when the variable is unset. */
    String valueOf(String name);

    /** The names that are set, in no particular order (used for suggestions in messages). */
    Set<String> names();

    /** A scope over a copy of {@code values}; a null value is not allowed (leave the key out). */
    static VariableScope of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.values().forEach(v -> {
            if (v == null) {
                throw new NullPointerException("a variable value is null; leave the name out to mean unset");
            }
        });
        Map<String, String> frozen = java.util.Collections.unmodifiableMap(copy);
        return new VariableScope() {
            @Override
            public String valueOf(String name) {
                return frozen.get(name);
            }

            @Override
            public Set<String> names() {
                return frozen.keySet();
            }

            @Override
            public String toString() {
                return "VariableScope" + frozen;
            }
        };
    }

    /** The scope where every variable is unset. */
    static VariableScope empty() {
        return of(Map.of());
    }
}
