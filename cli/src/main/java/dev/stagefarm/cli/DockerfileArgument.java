package dev.stagefarm.cli;

import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Dockerfile named on the command line ({@code parse}, {@code plan}), read and parsed. Stateless. */
final class DockerfileArgument {
    private DockerfileArgument() {
    }

    /**
     * @throws StagefarmException {@link FailureCode#CONTEXT_FILE_MISSING} when {@code file} is not a
     *     readable file, or the parser's failure
     */
    static RawDockerfile read(String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, file, 0, "no such file");
        }
        try {
            return DockerfileParser.parse(file, path);
        } catch (IOException | UncheckedIOException e) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, file, 0, "cannot read: " + e.getMessage());
        }
    }
}
