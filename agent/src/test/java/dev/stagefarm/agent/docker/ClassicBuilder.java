package dev.stagefarm.agent.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * The daemon's own classic builder ({@code POST /build}), the oracle of the differential tests:
 * for Dockerfiles it can build, the agent must produce the same files and config.
 */
public final class ClassicBuilder {

    private ClassicBuilder() {
    }

    /**
     * The context as the docker CLI sends it: every file with its permission bits (docker-java's
     * own context packing drops them, which would make the oracle wrong).
     */
    private static Path contextTar(Path context) throws IOException {
        Path tar = Files.createTempFile("classic-context", ".tar");
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream archive = new TarArchiveOutputStream(out);
                Stream<Path> paths = Files.walk(context)) {
            archive.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path path : paths.filter(p -> !p.equals(context)).sorted().toList()) {
                String name = context.relativize(path).toString() + (Files.isDirectory(path) ? "/" : "");
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), name);
                entry.setMode((Integer) Files.getAttribute(path, "unix:mode"));
                archive.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) {
                    Files.copy(path, archive);
                }
                archive.closeArchiveEntry();
            }
        }
        return tar;
    }

    /** Builds {@code context}/Dockerfile without cache on the host network; returns the image id. */
    public static String build(TestDocker docker, Path context) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(docker.host()).withApiVersion(DockerEngine.API_VERSION).build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(URI.create(docker.host())).build();
        try (DockerClient client = DockerClientImpl.getInstance(config, http)) {
            Path tar = contextTar(context);
            try (InputStream in = Files.newInputStream(tar)) {
                return client.buildImageCmd(in).withNoCache(true).withRemove(true).withForcerm(true)
                    .withNetworkMode("host").exec(new BuildImageResultCallback()).awaitImageId();
            } finally {
                Files.delete(tar);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
