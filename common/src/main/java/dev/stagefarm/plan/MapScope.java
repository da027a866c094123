package dev.stagefarm.plan;

import dev.stagefarm.dockerfile.shell.VariableScope;
import java.util.Map;
import java.util.Set;

/**
 * A {@link VariableScope} reading a map without copying it, for the planner's own short-lived
 * expansions while it walks a stage (copying the scope per instruction would make planning
 * quadratic). Never handed out: the map changes as the walk goes on.
 */
final class MapScope implements VariableScope {
    private final Map<String, String> values;

    MapScope(Map<String, String> values) {
        this.values = values;
    }

    @Override
    public String valueOf(String name) {
        return values.get(name);
    }

    @Override
    public Set<String> names() {
        return values.keySet();
    }
}
