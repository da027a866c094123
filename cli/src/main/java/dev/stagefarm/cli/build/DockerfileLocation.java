package dev.stagefarm.cli.build;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Dockerfile is inside the context, as {@code docker build} finds it: {@code -f} is
 * relative to the working directory, its absence means {@code Dockerfile} at the context root.
 * The farm reads the Dockerfile from the uploaded context, so it must lie inside it.
 */
public final class DockerfileLocation {
    private DockerfileLocation() {
    }

    /** The Dockerfile's path inside {@code context}, with forward slashes. */
    public static String resolve(Path workingDir, Path context, String fileFlag) {
        Path contextDir = real(context, "the build context " + context);
        if (!Files.isDirectory(contextDir)) {
            throw new StagefarmException(FailureCode.CONTEXT_INVALID, context.toString(), 0,
                    "the build context " + context + " is not a directory");
        }
        Path file = fileFlag == null ? contextDir.resolve("Dockerfile") : workingDir.resolve(fileFlag);
        String shown = fileFlag == null ? context.resolve("Dockerfile").toString() : fileFlag;
        Path realFile = real(file, "the Dockerfile " + shown);
        if (!Files.isRegularFile(realFile)) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, shown, 0,
                    "the Dockerfile " + shown + " is not a file");
        }
        if (!realFile.startsWith(contextDir)) {
            throw new StagefarmException(FailureCode.CONTEXT_INVALID, shown, 0, "the Dockerfile " + shown
                    + " lies outside the build context " + context + "; move it into the context or pass a context that contains it");
        }
        return contextDir.relativize(realFile).toString().replace(java.io.File.separatorChar, '/');
    }

    private static Path real(Path path, String what) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, path.toString(), 0, what + " does not exist");
        }
    }
}
