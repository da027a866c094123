package dev.stagefarm.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server (S3Proxy with its filesystem backend) running inside the test JVM
 * on a free loopback port, with AWS v2/v4 authentication. Starts in about a second. Tests of
 * other modules reuse it through this module's test-jar; most use {@link S3ProxyExtension}.
 * Thread-safe once started.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "stagefarm-test";
    public static final String SECRET_KEY = "stagefarm-test-secret";

    private final Path dataDir;
    private final S3Proxy proxy;
    private final BlobStoreContext blobStore;
    private final URI endpoint;

    private S3ProxyServer(Path dataDir, S3Proxy proxy, BlobStoreContext blobStore, URI endpoint) {
        this.dataDir = dataDir;
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
    }

    /** Starts a server storing its objects under a new temporary directory. */
    public static S3ProxyServer start() {
        try {
            Path dataDir = Files.createTempDirectory("stagefarm-s3-");
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", dataDir.toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2")
                    .credentials("identity", "credential")
                    .overrides(properties)
                    .build(BlobStoreContext.class);
            URI endpoint = URI.create("http://127.0.0.1:" + freePort());
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(endpoint)
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                if (AbstractLifeCycle.FAILED.equals(proxy.getState())) {
                    throw new IllegalStateException("S3Proxy failed to start");
                }
                Thread.sleep(5);
            }
            return new S3ProxyServer(dataDir, proxy, context, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A configuration for a bucket of this server that no other caller uses (created on demand). */
    public S3Config newBucketConfig() {
        return S3Config.of(endpoint, "b-" + UUID.randomUUID().toString().substring(0, 18), ACCESS_KEY, SECRET_KEY);
    }

    /** A store on a new, created bucket. The caller closes it. */
    public S3ObjectStore newStore() {
        S3ObjectStore store = new S3ObjectStore(newBucketConfig());
        store.createBucketIfMissing();
        return store;
    }

    /** The directory holding the objects (tests check that nothing half-written stays there). */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            blobStore.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
