package dev.stagefarm.deploy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.deploy.local.CommandResult;
import dev.stagefarm.deploy.local.DockerHost;
import dev.stagefarm.deploy.local.FarmFacts;
import dev.stagefarm.deploy.local.LocalFarm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end, as a user runs it: {@code stagefarm build} of
 * {@code examples/classic-node-nginx} (FROM node … npm run build, FROM nginx, COPY --from=0) on
 * the local farm, the image loaded into a build host's daemon, run, and its page fetched.
 * Slow: a cold farm pulls node and nginx and moves a 120 MiB image through the object store.
 */
// Before FarmDownTest, which takes the shared farm down.
@Order(10)
class ClassicBuildTest {
    private static FarmFacts farm;
    private static DockerHost daemon;

    @BeforeAll
    static void farmUp() {
        farm = LocalFarm.up();
        daemon = farm.dockerHosts().get(0);
    }

    @Test
    void loadedImageServesThePageTheNodeStageBuilt() throws Exception {
        String tag = "my-app-" + UUID.randomUUID().toString().substring(0, 8);
        FarmBuild.in(FarmBuild.example("classic-node-nginx"), daemon)
                .run("-t", tag, "--label", "org.example.flow=classic", "--load", ".")
                .orFail("stagefarm build --load");
        try {
            assertThat(daemon.docker("image", "inspect", "--format", "{{index .Config.Labels \"org.example.flow\"}}", tag)
                    .orFail("docker image inspect").output().trim()).isEqualTo("classic");
            int port = freePort();
            String name = tag + "-web";
            // The daemons have no bridge: nginx shares the host network, moved to a free port.
            daemon.docker("run", "-d", "--name", name, "--network", "host", tag, "sh", "-c",
                    "sed -i -e 's/listen 80 default_server;/listen 127.0.0.1:" + port + " default_server;/'"
                            + " -e '/listen \\[::\\]:80/d' /etc/nginx/sites-enabled/default"
                            + " && exec nginx -g 'daemon off;'").orFail("docker run");
            try {
                String page = fetch("http://127.0.0.1:" + port + "/");
                assertThat(page).contains("Built by Stagefarm").containsPattern("Node\\.js v\\d+");
            } finally {
                daemon.docker("rm", "-f", name);
            }
        } finally {
            daemon.docker("rmi", "-f", tag);
        }
    }

    @Test
    void namedTargetBuildsOnlyTheFirstStageAndWritesItsFiles(@TempDir Path out) throws IOException {
        CommandResult built = FarmBuild.in(FarmBuild.example("classic-node-nginx"), daemon)
                .run("-f", "Dockerfile.named", "--target", "builder", "-o", "type=local,dest=" + out, ".")
                .orFail("stagefarm build --target builder");

        assertThat(built.output()).contains(": 1 stages, target builder").doesNotContain("COPY --from");
        assertThat(out.resolve("usr/share/nginx")).doesNotExist();
        assertThat(out.resolve("dist/index.html")).exists();
        assertThat(Files.readString(out.resolve("dist/index.html"))).contains("Built by Stagefarm");
    }

    @Test
    void pushedImageIsInTheFarmRegistryUnderTheDigestTheSummaryPrints(@TempDir Path context) throws Exception {
        String run = UUID.randomUUID().toString();
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox AS app\nRUN echo " + run + " > /id\n");
        String registry = farm.get("REGISTRY");
        String name = "stagefarm-e2e/pushed-" + UUID.randomUUID().toString().substring(0, 8);

        CommandResult pushed = FarmBuild.in(context, daemon).run("-t", registry + "/" + name + ":1", "--push", ".")
                .orFail("stagefarm build --push");

        HttpResponse<String> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + name + "/manifests/1"))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).isEqualTo(200);
        String digest = manifest.headers().firstValue("Docker-Content-Digest").orElseThrow();
        try {
            assertThat(pushed.output()).contains("[app] step 1/2 FROM busybox AS app", "[app] step 2/2 RUN echo")
                    .contains("Image: " + registry + "/" + name + ":1 pushed as " + registry + "/" + name + "@" + digest);
            // Another build host pulls the pushed image and finds what the build made.
            DockerHost other = farm.dockerHosts().get(farm.dockerHosts().size() - 1);
            other.docker("pull", registry + "/" + name + ":1").orFail("docker pull on another build host");
            assertThat(other.docker("run", "--rm", "--network", "host", registry + "/" + name + ":1", "cat", "/id")
                    .orFail("docker run").output().trim()).isEqualTo(run);
            other.docker("rmi", "-f", registry + "/" + name + ":1");
        } finally {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + name
                    + "/manifests/" + digest)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void pushWithoutATagIsRefusedBeforeAnythingRuns(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\n");

        CommandResult refused = FarmBuild.in(context, daemon).run("--push", ".");

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.output()).contains("a push needs a tag").doesNotContain("build running");
    }

    @Test
    void unknownTargetIsRefusedBeforeAnythingRuns() {
        CommandResult refused = FarmBuild.in(FarmBuild.example("classic-node-nginx"), daemon)
                .run("--target", "nosuchstage", ".");

        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.output()).contains("target stage \"nosuchstage\" could not be found")
                .doesNotContain("queued").doesNotContain("build running");
    }

    @Test
    void failingRunFailsTheBuildWithItsLogTailAndExitCode(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("Dockerfile"),
                "FROM busybox\nRUN echo preparing the failure && echo the-last-words && exit 7\n");

        CommandResult failed = FarmBuild.in(context, daemon).run(".");

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.output()).contains("RUN_EXIT_NONZERO").contains("the-last-words").contains("7");
    }

    @Test
    void missingCopySourceNamesThePath(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY no-such-file.txt /srv/\n");

        CommandResult failed = FarmBuild.in(context, daemon).run(".");

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.output()).contains("no-such-file.txt");
    }

    @Test
    void downCoordinatorGivesAClearMessage(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\n");

        CommandResult failed = FarmBuild.in(context, daemon)
                .run("--server", "http://127.0.0.1:" + freePort(), ".");

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.output()).contains("cannot reach the coordinator").contains("connection refused")
                .doesNotContain("Exception");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The page once nginx answers (it starts within seconds). */
    private static String fetch(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no page at " + url);
            }
            Thread.sleep(300);
        }
    }
}
