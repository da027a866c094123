package dev.stagefarm.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 1 GiB object goes through put (unknown length, multipart) and a verified get in a child JVM
 * limited to a 128 MiB heap: the store must stream. Slow: moves 2 GiB over loopback (about 15 s
 * on an idle 2-core machine).
 */
class LargeObjectTransferTest {
    private static final long ONE_GIB = 1L << 30;

    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    @Test
    void movesOneGibibyteThroughPutAndGetWithSmallHeap() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), LargeTransferProbe.class.getName(),
                S3.server().endpoint().toString(), S3.config().bucket(), Long.toString(ONE_GIB)))
                .redirectErrorStream(true)
                .start();
        boolean finished = child.waitFor(10, TimeUnit.MINUTES);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            child.destroyForcibly();
        }

        assertThat(finished).as("child finished").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        Matcher m = Pattern.compile("transferred=(\\d+) .* peak_heap_mb=(\\d+) max_heap_mb=(\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(ONE_GIB);
        assertThat(Long.parseLong(m.group(3))).isLessThanOrEqualTo(128);
        System.out.println("large transfer: " + output.trim());
    }
}
