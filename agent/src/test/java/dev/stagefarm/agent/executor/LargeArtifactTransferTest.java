package dev.stagefarm.agent.executor;

import static dev.stagefarm.agent.executor.Steps.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.ImageFiles;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.objectstore.S3Config;
import dev.stagefarm.objectstore.S3ObjectStore;
import dev.stagefarm.objectstore.S3ProxyServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow (about a minute): a 1 GiB artifact of random bytes goes from one stage's image through
 * S3Proxy into another stage's image, with the agent's side (export, import, COPY --from) in a
 * child JVM whose heap is capped at 256 MiB, and arrives byte-identical.
 */
@ExtendWith(DockerDaemonExtension.class)
class LargeArtifactTransferTest {
    private static final long ONE_GIB = 1L << 30;

    @Test
    void oneGibibyteArtifactMovesByteIdenticalWithHeapBelow256Mib(TestDocker docker, @TempDir Path work) throws Exception {
        StageResult producer = StageFixture.build(docker,
                run("head -c " + ONE_GIB + " /dev/urandom > /big && sha256sum /big | cut -d' ' -f1 > /big.sha256"));
        String expected = ImageFiles.text(docker.engine(), producer.imageId(), "/big.sha256");
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            S3Config bucket = s3.newBucketConfig();
            try (S3ObjectStore store = new S3ObjectStore(bucket)) {
                store.createBucketIfMissing();
            }
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), LargeArtifactProbe.class.getName(),
                    docker.host(), s3.endpoint().toString(), bucket.bucket(), producer.imageId(), "/big", work.toString()))
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean finished = child.waitFor(5, TimeUnit.MINUTES);
            assertThat(finished).as("child finished").isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            Matcher m = Pattern.compile("image=(\\S+) artifact_bytes=(\\d+) .* max_heap_mb=(\\d+)").matcher(output);
            assertThat(m.find()).as(output).isTrue();
            assertThat(Long.parseLong(m.group(2))).isGreaterThan(ONE_GIB);
            assertThat(Long.parseLong(m.group(3))).isLessThanOrEqualTo(256);
            StageResult check = StageFixture.executor(docker).execute(new StageWork("check",
                    new BaseImage.Reference(m.group(1)), List.of(run("sha256sum /big | cut -d' ' -f1 > /copied.sha256"))),
                    StageInputs.contextOnly(null), StageListener.NONE);
            assertThat(ImageFiles.text(docker.engine(), check.imageId(), "/copied.sha256")).isEqualTo(expected);
            System.out.println("large artifact: " + output.lines().filter(l -> l.startsWith("image=")).findFirst().orElse(output));
        }
    }
}
