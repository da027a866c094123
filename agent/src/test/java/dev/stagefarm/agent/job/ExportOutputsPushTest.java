package dev.stagefarm.agent.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.docker.TestRegistry;
import dev.stagefarm.agent.exec.LogListener;
import dev.stagefarm.agent.executor.StageSession;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyServer;
import dev.stagefarm.protocol.ArtifactKind;
import dev.stagefarm.protocol.ObjectKeys;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageDefinition;
import dev.stagefarm.protocol.StageJob;
import dev.stagefarm.protocol.StageOutput;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow: the target stage's image output pushed through the private daemon to a real registry
 * ({@code docker-registry} on a free port), checked over the registry's HTTP API.
 */
@ExtendWith(DockerDaemonExtension.class)
class ExportOutputsPushTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pushedImageIsInTheRegistryUnderTheManifestDigestItReports(TestDocker docker, @TempDir Path work)
            throws Exception {
        try (TestRegistry registry = TestRegistry.start(); S3ProxyServer s3 = S3ProxyServer.start();
                S3ObjectStore store = s3.newStore();
                StageSession session = new StageSession(docker.engine(), "push-test", work.resolve("tmp"), false)) {
            String tagged = registry.address() + "/team/app:1";
            String untagged = registry.address() + "/team/other";
            List<String> progress = new CopyOnWriteArrayList<>();

            List<ExportOutputs.Stored> stored = new ExportOutputs(store).export(job("push-key", List.of(tagged, untagged)),
                    "push-key", docker.busybox(), session, (stream, line) -> progress.add(line));

            ExportOutputs.Stored image = stored.get(0);
            assertThat(image.kind()).isEqualTo(ArtifactKind.IMAGE);
            assertThat(image.imageId()).isEqualTo(docker.busybox());
            HttpResponse<String> app = registry.manifest("team/app", "1");
            HttpResponse<String> other = registry.manifest("team/other", "latest");
            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(other.statusCode()).isEqualTo(200);
            String digest = app.headers().firstValue("Docker-Content-Digest").orElseThrow();
            assertThat(digest).isEqualTo(Digest.of(app.body().getBytes(StandardCharsets.UTF_8)).toString());
            assertThat(image.pushed()).containsExactly(registry.address() + "/team/app@" + digest,
                    registry.address() + "/team/other@" + other.headers().firstValue("Docker-Content-Digest")
                            .orElseThrow());
            JsonNode manifest = JSON.readTree(app.body());
            assertThat(manifest.path("config").path("digest").asText()).isEqualTo(docker.busybox());
            assertThat(progress).contains("pushing " + tagged).anyMatch(line -> line.contains("digest: " + digest));
            assertThat(store.stat(ObjectKeys.image("push-key"))).isPresent();
            assertThat(docker.engine().images().imageId(tagged)).as("the push tag is gone again").isEmpty();
            assertThat(docker.engine().images().imageId(docker.busybox())).isPresent();
        }
    }

    @Test
    void registryThatDoesNotAnswerIsARetriableFailureNamingIt(TestDocker docker, @TempDir Path work)
            throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String reference = "127.0.0.1:" + closed + "/team/app:1";

        StagefarmException e = pushFailure(docker, work, reference);

        assertThat(e.code()).isEqualTo(FailureCode.REGISTRY_UNREACHABLE);
        assertThat(e.code().retriable()).isTrue();
        assertThat(e.subject()).isEqualTo("registry 127.0.0.1:" + closed);
        assertThat(e.getMessage()).contains("pushing " + reference);
        assertThat(docker.engine().images().imageId(reference)).as("the push tag is gone again").isEmpty();
    }

    @Test
    void registryThatRefusesThePushIsADeniedBuildFailureNamingIt(TestDocker docker, @TempDir Path work)
            throws Exception {
        try (TestRegistry registry = TestRegistry.startRequiringLogin()) {
            String reference = registry.address() + "/team/app:1";

            StagefarmException e = pushFailure(docker, work, reference);

            assertThat(e.code()).isEqualTo(FailureCode.REGISTRY_DENIED);
            assertThat(e.code().retriable()).isFalse();
            assertThat(e.subject()).isEqualTo("registry " + registry.address());
            assertThat(e.getMessage()).contains("pushing " + reference);
            assertThat(registry.manifest("team/app", "1").statusCode()).isEqualTo(401);
        }
    }

    /** What exporting an image output that pushes to {@code reference} fails with. */
    private static StagefarmException pushFailure(TestDocker docker, Path work, String reference) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore();
                StageSession session = new StageSession(docker.engine(), "push-test", work.resolve("tmp"), false)) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new ExportOutputs(store)
                    .export(job("push-fails", List.of(reference)), "push-fails", docker.busybox(), session,
                            LogListener.NONE));
            assertThat(thrown).isInstanceOf(StagefarmException.class);
            return (StagefarmException) thrown;
        }
    }

    private static StageJob job(String cacheKey, List<String> push) {
        return new StageJob(ProtocolVersion.CURRENT, "build-1", "run-1", 1,
                new StageDefinition(0, "app", "Dockerfile", null, Map.of(), List.of()), "00", "contexts/sha256/00",
                List.of(), List.of(new StageOutput(ArtifactKind.IMAGE, List.of(), ObjectKeys.image(cacheKey), null, push)),
                cacheKey, "linux/amd64", false, null);
    }
}
