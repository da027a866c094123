package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;

/**
 * Where an instruction comes from: the file (as named for messages), its 1-based line range
 * and the logical line as written.
 */
public record Source(String file, int startLine, int endLine, String original) {

    /** An instruction error about this source ({@code DOCKERFILE_INSTRUCTION}, subject file:line). */
    public StagefarmException error(String message) {
        return new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, file + ":" + startLine, startLine, message);
    }
}
