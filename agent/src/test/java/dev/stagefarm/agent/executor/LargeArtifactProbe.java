package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.docker.DockerEngine;
import dev.stagefarm.agent.docker.TestLogging;
import dev.stagefarm.artifactstore.ArtifactManifest;
import dev.stagefarm.objectstore.LargeTransferProbe;
import dev.stagefarm.objectstore.S3Config;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Moves one stage's exported path from an image to another stage the way two agents do: export to
 * object storage ({@link ArtifactExport}), import on "the other agent" ({@link ArtifactImport}),
 * then {@code COPY --from} into a new image. Prints the new image, the phase times and the peak
 * heap. Run by {@link LargeArtifactTransferTest} in a child JVM with a small {@code -Xmx}: it can
 * only pass if no step holds the artifact in memory.
 *
 * <p>Arguments: Docker host, S3 endpoint, bucket, source image, exported path, work folder.
 */
public final class LargeArtifactProbe {
    private LargeArtifactProbe() {
    }

    public static void main(String[] args) throws Exception {
        TestLogging.infoAndAbove();
        String dockerHost = args[0];
        S3Config config = S3Config.of(URI.create(args[1]), args[2], S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        String image = args[3];
        String path = args[4];
        Path work = Path.of(args[5]);
        try (DockerEngine engine = DockerEngine.connect(dockerHost); S3ObjectStore store = new S3ObjectStore(config)) {
            long start = System.nanoTime();
            ArtifactManifest manifest;
            try (StageSession session = new StageSession(engine, "large-export", work.resolve("export"), false)) {
                manifest = new ArtifactExport(session, store).exportFiles(image, List.of(path), "artifacts/large/files.tar",
                        "artifacts/large/manifest.json");
            }
            long exported = System.nanoTime();
            Path root = new ArtifactImport(store).importFiles("artifacts/large/files.tar", "artifacts/large/manifest.json",
                    work.resolve("imported"));
            long imported = System.nanoTime();
            StageResult copied = new StageExecutor(engine, "large-import", Files.createDirectories(work.resolve("stage")),
                    new CacheLocks()).execute(new StageWork("consumer", new BaseImage.Reference("busybox:latest"),
                            List.of(Steps.copyFrom("producer", path, path))),
                    new StageInputs(null, Map.of("producer", root), Map.of()), StageListener.NONE);
            long done = System.nanoTime();
            System.out.printf("image=%s artifact_bytes=%d export_s=%.1f import_s=%.1f copy_s=%.1f peak_heap_mb=%d max_heap_mb=%d%n",
                    copied.imageId(), manifest.size(), seconds(exported - start), seconds(imported - exported),
                    seconds(done - imported), LargeTransferProbe.peakHeapMib(), Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
