package dev.stagefarm.agent.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.objectstore.ObjectStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the artifact benchmarks compute and print, and their clean-up between rounds. */
final class BenchmarkFigures {
    private BenchmarkFigures() {
    }

    static double mbps(long bytes, long startNanos) {
        return bytes / 1e6 / ((System.nanoTime() - startNanos) / 1e9);
    }

    /** MB/s of an import of the artifact {@code out/blob} of {@code bytes} into {@code target}, deleted afterwards. */
    static double importMbps(ObjectStore store, String objectKey, String manifestKey, Path target, long bytes)
            throws Exception {
        long t = System.nanoTime();
        new ArtifactImport(store).importFiles(objectKey, manifestKey, target);
        double mbps = mbps(bytes, t);
        assertThat(Files.size(target.resolve("out/blob"))).isEqualTo(bytes);
        delete(target);
        return mbps;
    }

    /** MB/s of a raw get of {@code key} into the file {@code copy}, deleted afterwards: what an import is held against. */
    static double rawGetMbps(ObjectStore store, String key, Path copy, long bytes) throws Exception {
        long t = System.nanoTime();
        try (InputStream in = store.get(key).orElseThrow()) {
            Files.copy(in, copy);
        }
        double mbps = mbps(bytes, t);
        Files.delete(copy);
        return mbps;
    }

    static List<Long> round(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
