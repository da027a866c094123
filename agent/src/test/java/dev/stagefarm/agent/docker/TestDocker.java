package dev.stagefarm.agent.docker;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A started private daemon, an engine connected to it, and the id of its {@code busybox:latest}
 * image. Closed by JUnit at the end of the run.
 */
public final class TestDocker implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final PrivateDockerDaemon daemon;
    private final DockerEngine engine;
    private final String busybox;

    private TestDocker(PrivateDockerDaemon daemon, DockerEngine engine, String busybox) {
        this.daemon = daemon;
        this.engine = engine;
        this.busybox = busybox;
    }

    static TestDocker start() {
        TestLogging.infoAndAbove();
        PrivateDockerDaemon daemon = null;
        try {
            daemon = PrivateDockerDaemon.start();
            DockerEngine engine = DockerEngine.connect(daemon.host());
            String busybox = BusyboxImage.importInto(engine);
            return new TestDocker(daemon, engine, busybox);
        } catch (Exception e) {
            if (daemon != null) {
                daemon.close();
            }
            throw new IllegalStateException("cannot start the test Docker daemon: " + e.getMessage(), e);
        }
    }

    public DockerEngine engine() {
        return engine;
    }

    public String host() {
        return daemon.host();
    }

    /** Id of the {@code busybox:latest} image. */
    public String busybox() {
        return busybox;
    }

    @Override
    public void close() {
        engine.close();
        daemon.close();
    }
}
