package dev.stagefarm.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The build hosts of a local farm: separate Docker daemons that build multi-stage images from
 * the farm's registry mirror with no internet. Slow: the first run of a machine builds the
 * seed images (minutes); later runs pull them from the local registry (seconds).
 */
@Order(1)
class BuildHostsTest {

    private static final Path EXAMPLE = LocalFarm.checkout().resolve("examples/hello-node-nginx");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    private static FarmFacts farm;
    private static List<DockerHost> hosts;

    @BeforeAll
    static void farmIsUp() {
        farm = LocalFarm.up();
        hosts = farm.dockerHosts();
        assertThat(hosts).hasSize(LocalFarm.AGENTS);
    }

    @Test
    void multiStageNodeToNginxBuildSucceedsOnEveryHostFromTheMirror() {
        for (DockerHost host : hosts) {
            String tag = "hello-node-nginx:" + tagSuffix();
            CommandResult build = host.docker(BUILD_TIMEOUT, "build", "--network", "host", "-t", tag, EXAMPLE.toString())
                    .orFail("build on " + host.uri());
            assertThat(build.output()).contains("Step 1/", "FROM node:18", "FROM nginx:1.22", "Successfully tagged " + tag);
            // The base images came through the mirror: the daemon now knows them by their Hub names.
            assertThat(host.docker("image", "inspect", "node:18").succeeded()).isTrue();
            assertThat(host.docker("image", "inspect", "nginx:1.22").succeeded()).isTrue();
            String page = host.docker("run", "--rm", tag, "cat", "/usr/share/nginx/html/index.html")
                    .orFail("reading the page on " + host.uri()).output();
            assertThat(page).contains("Hello from Stagefarm", "Rendered by Node.js v18.");
        }
    }

    @Test
    void imageBuiltOnOneHostIsUnknownToAnother() {
        DockerHost first = hosts.get(0);
        DockerHost second = hosts.get(1);
        String tag = "only-on-first:" + tagSuffix();
        first.docker("build", "--network", "host", "-t", tag, EXAMPLE.toString()).orFail("build on the first host");

        assertThat(first.docker("image", "inspect", tag).succeeded()).isTrue();
        CommandResult onSecond = second.docker("image", "inspect", tag);
        assertThat(onSecond.succeeded()).isFalse();
        assertThat(onSecond.output()).containsIgnoringCase("no such image");
    }

    @Test
    void nginxStageServesThePageTheNodeStageRendered() throws Exception {
        DockerHost host = hosts.get(0);
        String tag = "served:" + tagSuffix();
        host.docker(BUILD_TIMEOUT, "build", "--network", "host", "-t", tag, EXAMPLE.toString()).orFail("build");
        int port = freePort();
        String name = "served-" + tagSuffix();
        // The daemons have no bridge: the container shares the host's network and nginx is
        // told to listen on a free port instead of 80.
        String listenOnPort = "sed -i -e 's/listen 80 default_server;/listen 127.0.0.1:" + port + " default_server;/'"
                + " -e '/listen \\[::\\]:80/d' /etc/nginx/sites-enabled/default && exec nginx -g 'daemon off;'";
        host.docker("run", "-d", "--name", name, "--network", "host", tag, "sh", "-c", listenOnPort).orFail("run nginx");
        try {
            HttpResponse<String> response = getWhenUp(URI.create("http://127.0.0.1:" + port + "/"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Hello from Stagefarm", "Rendered by Node.js v18.");
            assertThat(response.headers().firstValue("server")).hasValueSatisfying(v -> assertThat(v).startsWith("nginx/1.22"));
        } finally {
            host.docker("rm", "-f", name);
        }
    }

    private static HttpResponse<String> getWhenUp(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                last = notYet;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx never answered on " + uri, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tagSuffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
