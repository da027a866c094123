package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.List;

/** EXPOSE: the ports as written ({@code 80}, {@code 53/udp}, {@code $PORT}). */
public record Expose(Source source, List<String> ports) implements Instruction {
    public Expose {
        ports = List.copyOf(ports);
    }

    @Override
    public Expose expand(WordExpander expander) {
        return new Expose(source, ports.stream().map(expander::word).toList());
    }
}
