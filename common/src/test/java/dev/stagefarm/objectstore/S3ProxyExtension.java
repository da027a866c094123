package dev.stagefarm.objectstore;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving a test class a real S3-compatible server: one {@link S3ProxyServer}
 * shared by the whole test JVM (started on first use, stopped when the JVM's tests end), and a
 * fresh bucket per test class. Use it as
 * {@code @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();}.
 */
public final class S3ProxyExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3ProxyExtension.class);

    private S3ProxyServer server;
    private S3Config config;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", k -> new ClosingServer(S3ProxyServer.start()), ClosingServer.class)
                .server();
        config = server.newBucketConfig();
        try (S3ObjectStore store = new S3ObjectStore(config)) {
            store.createBucketIfMissing();
        }
    }

    public S3ProxyServer server() {
        return server;
    }

    /** This class's bucket. */
    public S3Config config() {
        return config;
    }

    /** A new store on this class's bucket; the caller closes it. */
    public S3ObjectStore newStore() {
        return new S3ObjectStore(config);
    }

    /** Closed by JUnit with the root store, that is when the test JVM's tests end. */
    private record ClosingServer(S3ProxyServer server) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
