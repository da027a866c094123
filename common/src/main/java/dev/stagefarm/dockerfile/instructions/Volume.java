package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.List;

/** VOLUME: the mount points as written. */
public record Volume(Source source, List<String> volumes) implements Instruction {
    public Volume {
        volumes = List.copyOf(volumes);
    }

    @Override
    public Volume expand(WordExpander expander) {
        List<String> expanded = volumes.stream().map(expander::word).toList();
        if (expanded.stream().anyMatch(v -> v.strip().isEmpty())) {
            throw source.error("VOLUME specified can not be an empty string");
        }
        return new Volume(source, expanded);
    }
}
