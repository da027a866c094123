package dev.stagefarm.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the files of sample build contexts for the tests of this package. Stateless. */
final class ContextFiles {
    private ContextFiles() {
    }

    /** Writes {@code content} to {@code rel} under {@code root}, making the folders it needs. */
    static void write(Path root, String rel, String content) throws IOException {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Adds an executable {@code run.sh} and {@code latest}, a relative link to {@code src/main.js}. */
    static void addScriptAndLink(Path ctx) throws IOException {
        write(ctx, "run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(ctx.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(ctx.resolve("latest"), ctx.getFileSystem().getPath("src/main.js"));
    }
}
