package dev.stagefarm.dockerfile.instructions;

/** MAINTAINER (deprecated): the name as written. */
public record Maintainer(Source source, String name) implements Instruction {
}
