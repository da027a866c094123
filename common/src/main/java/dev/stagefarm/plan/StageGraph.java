package dev.stagefarm.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * The stage graph: for each stage, its base stage (or -1) and the stages it copies or mounts
 * from. Pure data with the algorithms planning needs: direct dependencies, cycle detection (over
 * copy/mount edges, as BuildKit checks them), reachability, and waves.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class StageGraph {
    private final int[] base;
    private final List<List<Integer>> uses;

    /**
     * @param base per stage, the base stage index or -1
     * @param uses per stage, the stages its commands copy or mount from, in command order
     */
    StageGraph(int[] base, List<List<Integer>> uses) {
        this.base = base.clone();
        this.uses = uses.stream().map(List::copyOf).toList();
    }

    int size() {
        return base.length;
    }

    /** Sorted, distinct direct dependencies: base stage and every copy/mount source stage. */
    List<Integer> dependsOn(int stage) {
        TreeSet<Integer> deps = new TreeSet<>(uses.get(stage));
        if (base[stage] >= 0) {
            deps.add(base[stage]);
        }
        return List.copyOf(deps);
    }

    /**
     * The first stage, in file order, from which a cycle of copy/mount edges can be reached, or -1.
     * BuildKit names that stage in its error ({@code circular dependency detected on stage: X}),
     * even when the stage itself only leads into the cycle.
     */
    int cycleStart() {
        BitSet visited = new BitSet(size());
        BitSet onPath = new BitSet(size());
        for (int start = 0; start < size(); start++) {
            if (!visited.get(start) && hasCycleFrom(start, visited, onPath)) {
                return start;
            }
        }
        return -1;
    }

    /** Iterative DFS (a 2,000-stage chain must not overflow the stack). */
    private boolean hasCycleFrom(int start, BitSet visited, BitSet onPath) {
        Deque<int[]> stack = new ArrayDeque<>();
        visited.set(start);
        onPath.set(start);
        stack.push(new int[] {start, 0});
        while (!stack.isEmpty()) {
            int[] frame = stack.peek();
            List<Integer> next = uses.get(frame[0]);
            if (frame[1] < next.size()) {
                int dep = next.get(frame[1]++);
                if (onPath.get(dep)) {
                    return true;
                }
                if (!visited.get(dep)) {
                    visited.set(dep);
                    onPath.set(dep);
                    stack.push(new int[] {dep, 0});
                }
            } else {
                onPath.clear(frame[0]);
                stack.pop();
            }
        }
        return false;
    }

    /** Sorted indexes of {@code target} and every stage it needs through base, copy and mount edges. */
    List<Integer> needed(int target) {
        BitSet seen = new BitSet(size());
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(target);
        seen.set(target);
        while (!todo.isEmpty()) {
            int stage = todo.pop();
            for (int dep : dependsOn(stage)) {
                if (!seen.get(dep)) {
                    seen.set(dep);
                    todo.push(dep);
                }
            }
        }
        return seen.stream().boxed().toList();
    }

    /**
     * Groups {@code stages} (a dependency-closed set whose dependencies all come earlier in the
     * file) into waves: wave 0 needs nothing, wave n needs only stages of waves before n.
     */
    List<List<Integer>> waves(List<Integer> stages) {
        int[] depth = new int[size()];
        List<List<Integer>> waves = new ArrayList<>();
        for (int stage : stages) {
            int d = 0;
            for (int dep : dependsOn(stage)) {
                d = Math.max(d, depth[dep] + 1);
            }
            depth[stage] = d;
            while (waves.size() <= d) {
                waves.add(new ArrayList<>());
            }
            waves.get(d).add(stage);
        }
        return waves;
    }
}
