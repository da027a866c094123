package dev.stagefarm.agent.executor;

import static dev.stagefarm.agent.executor.BenchmarkFigures.importMbps;
import static dev.stagefarm.agent.executor.BenchmarkFigures.median;
import static dev.stagefarm.agent.executor.BenchmarkFigures.rawGetMbps;
import static dev.stagefarm.agent.executor.BenchmarkFigures.round;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.artifactstore.ArtifactUpload;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyServer;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifact import alone against a raw get of the same object into a file, alternating rounds,
 * with nothing else writing in between: {@link ArtifactBenchmarkTest} runs each import right
 * after an export, whose gigabytes of writes into S3Proxy the disk is still flushing. The object
 * is a tar of one file of random bytes, stored once. No daemon. Runs only with
 * {@code -Dbenchmark=agent}; sizes and rounds as in {@link ArtifactBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "agent")
class ArtifactImportBenchmarkTest {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final String SIZES = System.getProperty("benchmark.artifact-mib", "64,256,1024");

    @Test
    void importAgainstRawGet(@TempDir Path work) throws Exception {
        List<String> lines = new ArrayList<>();
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore()) {
            for (int mib : Arrays.stream(SIZES.split(",")).mapToInt(Integer::parseInt).toArray()) {
                long bytes = (long) mib << 20;
                storeArtifact(store, work.resolve("files.tar"), bytes);
                List<Double> imports = new ArrayList<>();
                List<Double> get = new ArrayList<>();
                for (int round = 0; round <= ROUNDS; round++) {
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == (round % 2 == 0)) {
                            double mbps = importMbps(store, "b/files.tar", "b/manifest.json", work.resolve("imported"), bytes);
                            if (round > 0) {
                                imports.add(mbps);
                            }
                        } else {
                            double mbps = rawGetMbps(store, "raw/files.tar", work.resolve("got"), bytes);
                            if (round > 0) {
                                get.add(mbps);
                            }
                        }
                    }
                }
                String line = String.format("BENCH artifact-import size_mib=%d import_mbps=%s raw_get_mbps=%s"
                        + " download_ratio_median=%.2f", mib, round(imports), round(get), median(imports) / median(get));
                System.out.println(line);
                lines.add(line);
            }
        }
        System.out.println("BENCH summary\n" + String.join("\n", lines));
        assertThat(lines).isNotEmpty();
    }

    /**
     * Stores a tar holding {@code out/blob} of random bytes as an export does (chunks and a
     * manifest), and as one object for the raw get.
     */
    private static void storeArtifact(S3ObjectStore store, Path tar, long bytes) throws Exception {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 20)) {
            TarArchiveOutputStream out = new TarArchiveOutputStream(file);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            out.putArchiveEntry(new TarArchiveEntry("out/"));
            out.closeArchiveEntry();
            TarArchiveEntry blob = new TarArchiveEntry("out/blob");
            blob.setSize(bytes);
            out.putArchiveEntry(blob);
            Random random = new Random(7);
            byte[] buffer = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(left, buffer.length));
            }
            out.closeArchiveEntry();
            out.finish();
        }
        long size = Files.size(tar);
        try (InputStream in = Files.newInputStream(tar)) {
            store.put("raw/files.tar", in, size);
        }
        try (InputStream in = Files.newInputStream(tar)) {
            new ArtifactUpload(store).store("b/files.tar", "b/manifest.json", List.of("/out"), in);
        }
        Files.delete(tar);
    }
}
