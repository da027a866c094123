package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.exec.MountSpec;
import dev.stagefarm.agent.stage.MountRequest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns the mounts a RUN asks for into mounts of this host: cache mounts become daemon volumes
 * named after a digest of their id (kept between builds), binds point into the context or an
 * upstream stage's artifacts (a read-write bind gets a throw-away copy, as BuildKit discards its
 * writes), secrets bind their file read-only.
 */
final class MountResolver {

    private final StageInputs inputs;
    private final StageSession session;

    MountResolver(StageInputs inputs, StageSession session) {
        this.inputs = inputs;
        this.session = session;
    }

    /** The mount, or empty for an optional secret the build did not provide. */
    Optional<MountSpec> resolve(MountRequest request, int line) {
        if (request instanceof MountRequest.Cache cache) {
            return Optional.of(new MountSpec.NamedVolume(cacheVolume(cache.id()), cache.target(), cache.readOnly()));
        }
        if (request instanceof MountRequest.Tmpfs tmpfs) {
            return Optional.of(new MountSpec.Tmpfs(tmpfs.target(), tmpfs.sizeBytes()));
        }
        if (request instanceof MountRequest.Secret secret) {
            Optional<Path> file = inputs.secret(secret.id());
            if (file.isEmpty()) {
                if (secret.required()) {
                    throw new StagefarmException(FailureCode.BAD_REQUEST, "secret " + secret.id(), line,
                            "secret " + secret.id() + ": not provided");
                }
                return Optional.empty();
            }
            return Optional.of(new MountSpec.HostBind(file.get(), secret.target(), true));
        }
        MountRequest.Bind bind = (MountRequest.Bind) request;
        Path root = bind.fromStage() == null ? inputs.context()
                : inputs.artifactRoot(bind.fromStage()).orElseThrow(() -> new StagefarmException(
                        FailureCode.UNKNOWN_STAGE, bind.fromStage(), line, "no artifacts of stage " + bind.fromStage()));
        if (root == null) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, bind.source(), line, "no build context");
        }
        String relative = dev.stagefarm.agent.translation.ConfigRules.cleanPath("/" + bind.source()).substring(1);
        Path source = relative.isEmpty() ? root : root.resolve(relative);
        if (!Files.exists(source)) {
            throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, bind.source(), line,
                    "failed to compute cache key: \"/" + relative + "\": not found");
        }
        if (bind.readWrite()) {
            source = scratchCopy(source);
        }
        return Optional.of(new MountSpec.HostBind(source, bind.target(), !bind.readWrite()));
    }

    static String cacheVolume(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "stagefarm-cache-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path scratchCopy(Path source) {
        try {
            Path copy = Files.createTempDirectory(session.tempDir(), "bind").resolve("src");
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path p : paths.toList()) {
                    Path target = copy.resolve(source.relativize(p).toString());
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
