package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.exec.MountSpec;
import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.MountRequest;
import dev.stagefarm.agent.translation.ConfigRules;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
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
 * writes) or, when {@code from=} names an image, into a scratch copy of that image's path; secrets
 * bind their file read-only.
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
        String relative = ConfigRules.cleanPath("/" + bind.source()).substring(1);
        if (bind.fromStage() != null && inputs.artifactRoot(bind.fromStage()).isEmpty()) {
            // Neither the context nor a stage: the planner resolved from= to an image.
            return Optional.of(new MountSpec.HostBind(imagePath(bind.fromStage(), relative, line), bind.target(),
                    !bind.readWrite()));
        }
        Path root = bind.fromStage() == null ? inputs.context() : inputs.artifactRoot(bind.fromStage()).orElseThrow();
        if (root == null) {
            throw new StagefarmException(FailureCode.CONTEXT_FILE_MISSING, bind.source(), line, "no build context");
        }
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

    /**
     * A scratch copy of {@code /relative} of {@code image} (pulled through the daemon when absent),
     * streamed out of a created container and extracted safely with the image's owners. Being a
     * copy, writes of a read-write bind are discarded.
     */
    private Path imagePath(String image, String relative, int line) {
        String id = new FromStep(session.engine()).resolve(new BaseImage.Reference(image)).imageId();
        String container = session.createIdle(id, ImageConfig.empty());
        try {
            String path = "/" + relative;
            if (session.engine().containers().pathKind(container, path) == PathKind.MISSING) {
                throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, relative, line,
                        "failed to compute cache key: \"" + path + "\": not found in image " + image);
            }
            Path dir = Files.createTempDirectory(session.tempDir(), "image-bind").resolve("root");
            try (InputStream in = session.engine().containers().copyOut(container, path)) {
                OwnerKeepingExtraction.extract(in, dir);
            }
            // The daemon names the entries after the path's last element.
            return relative.isEmpty() ? dir : dir.resolve(relative.substring(relative.lastIndexOf('/') + 1));
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.DOCKER_DAEMON, image, line,
                    "cannot read " + relative + " of image " + image + ": " + e.getMessage(), e);
        } finally {
            session.remove(container);
        }
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
