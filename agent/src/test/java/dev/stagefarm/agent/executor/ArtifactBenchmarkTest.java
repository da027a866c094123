package dev.stagefarm.agent.executor;

import static dev.stagefarm.agent.executor.Steps.run;
import static dev.stagefarm.agent.executor.BenchmarkFigures.importMbps;
import static dev.stagefarm.agent.executor.BenchmarkFigures.mbps;
import static dev.stagefarm.agent.executor.BenchmarkFigures.median;
import static dev.stagefarm.agent.executor.BenchmarkFigures.rawGetMbps;
import static dev.stagefarm.agent.executor.BenchmarkFigures.round;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.artifactstore.ArtifactUpload;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifact export (container → tar → object store), its upload alone (the same bytes from a file
 * through {@link ArtifactUpload}: chunks, digests, manifest) and import (object store → verified, safely
 * extracted files with their owners) in MB/s against a raw {@code ObjectStore} put (known length;
 * also printed: unknown length, the multipart path an export takes) and get (into a file) of a
 * file of the same size, on S3Proxy in this JVM, alternating rounds.
 * Slow; runs only with {@code -Dbenchmark=agent}; sizes with {@code -Dbenchmark.artifact-mib=64,256,1024},
 * rounds with {@code -Dbenchmark.rounds=N} (default 3).
 */
@ExtendWith(DockerDaemonExtension.class)
@EnabledIfSystemProperty(named = "benchmark", matches = "agent")
class ArtifactBenchmarkTest {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final String SIZES = System.getProperty("benchmark.artifact-mib", "64,256,1024");

    @Test
    void artifactTransferAgainstRawObjectStore(TestDocker docker, @TempDir Path work) throws Exception {
        List<String> lines = new ArrayList<>();
        try (S3ProxyServer s3 = S3ProxyServer.start(); S3ObjectStore store = s3.newStore()) {
            for (int mib : Arrays.stream(SIZES.split(",")).mapToInt(Integer::parseInt).toArray()) {
                long bytes = (long) mib << 20;
                String image = StageFixture.build(docker, run("mkdir /out && head -c " + bytes + " /dev/urandom > /out/blob"))
                        .imageId();
                Path raw = randomFile(work.resolve("raw-" + mib), bytes);
                List<Double> export = new ArrayList<>();
                List<Double> upload = new ArrayList<>();
                List<Double> put = new ArrayList<>();
                List<Double> putUnknown = new ArrayList<>();
                List<Double> imports = new ArrayList<>();
                List<Double> get = new ArrayList<>();
                for (int round = 0; round <= ROUNDS; round++) {
                    boolean artifactFirst = round % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == artifactFirst) {
                            long t = System.nanoTime();
                            try (StageSession session = new StageSession(docker.engine(), "bench", work.resolve("tmp"), false)) {
                                new ArtifactExport(session, store).exportFiles(image, List.of("/out"), "a/files.tar",
                                        "a/manifest.json");
                            }
                            double up = mbps(bytes, t);
                            double down = importMbps(store, "a/files.tar", "a/manifest.json", work.resolve("imported"), bytes);
                            t = System.nanoTime();
                            try (InputStream in = Files.newInputStream(raw)) {
                                new ArtifactUpload(store).store("u/files.tar", "u/manifest.json", List.of("/out"), in);
                            }
                            double uploadOnly = mbps(bytes, t);
                            if (round > 0) {
                                export.add(up);
                                upload.add(uploadOnly);
                                imports.add(down);
                            }
                        } else {
                            long t = System.nanoTime();
                            try (InputStream in = Files.newInputStream(raw)) {
                                store.put("raw/blob", in, bytes);
                            }
                            double up = mbps(bytes, t);
                            t = System.nanoTime();
                            try (InputStream in = Files.newInputStream(raw)) {
                                store.put("raw/blob-parts", in, -1);
                            }
                            double upUnknown = mbps(bytes, t);
                            double down = rawGetMbps(store, "raw/blob", work.resolve("got"), bytes);
                            if (round > 0) {
                                put.add(up);
                                putUnknown.add(upUnknown);
                                get.add(down);
                            }
                        }
                    }
                }
                docker.engine().images().removeImage(image);
                Files.delete(raw);
                String line = String.format("BENCH artifact size_mib=%d export_mbps=%s upload_mbps=%s raw_put_mbps=%s"
                        + " raw_put_unknown_length_mbps=%s import_mbps=%s raw_get_mbps=%s export_ratio_median=%.2f"
                        + " upload_ratio_median=%.2f download_ratio_median=%.2f", mib,
                        round(export), round(upload), round(put), round(putUnknown), round(imports), round(get),
                        median(export) / median(put), median(upload) / median(put), median(imports) / median(get));
                System.out.println(line);
                lines.add(line);
            }
        }
        System.out.println("BENCH summary\n" + String.join("\n", lines));
        assertThat(lines).isNotEmpty();
    }

    private static Path randomFile(Path path, long bytes) throws Exception {
        Random random = new Random(7);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long left = bytes; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(left, buffer.length));
            }
        }
        return path;
    }
}
