package dev.stagefarm.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void passesEveryByteInOrderWhateverTheSizeAgainstTheBlocks() throws IOException {
        for (int size : new int[] {0, 1, 63, 64, 65, 64 * 3, 64 * 7 + 5, 10_000}) {
            byte[] bytes = random(size);
            try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(bytes), 3, 64, "test-read-ahead")) {
                assertThat(in.readAllBytes()).as("size %d", size).isEqualTo(bytes);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void singleByteAndLargeReadsMix() throws IOException {
        byte[] bytes = random(1000);
        try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(bytes), 2, 100, "test-read-ahead")) {
            assertThat(in.read()).isEqualTo(bytes[0] & 0xff);
            byte[] rest = in.readNBytes(999);
            assertThat(rest).isEqualTo(Arrays.copyOfRange(bytes, 1, 1000));
        }
    }

    @Test
    void sourceFailureArrivesAfterTheBytesBeforeItAndStays() throws IOException {
        byte[] tar = random(500);
        Digest digest = Digest.of(tar);
        // A download cut after 300 of 500 bytes: the verifying source fails at its end.
        InputStream truncated = new VerifyingInputStream(new ByteArrayInputStream(tar, 0, 300), digest, 500, "a/files.tar");
        try (InputStream in = new ReadAheadInputStream(truncated, 4, 128, "test-read-ahead")) {
            assertThat(in.readNBytes(300)).isEqualTo(Arrays.copyOf(tar, 300));
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(in::read).isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
                    assertThat(e.subject()).isEqualTo("a/files.tar");
                });
            }
        }
    }

    @Test
    void ioFailureOfTheSourceIsTheSameException() throws IOException {
        IOException cut = new IOException("connection reset");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw cut;
            }
        };
        try (InputStream in = new ReadAheadInputStream(failing, 1, 16, "test-read-ahead")) {
            assertThatThrownBy(in::read).isSameAs(cut);
        }
    }

    @Test
    void readsAtMostItsBlocksAheadOfTheCaller() throws Exception {
        EndlessSource source = new EndlessSource();
        try (InputStream in = new ReadAheadInputStream(source, 3, 1000, "test-read-ahead")) {
            awaitCount(source, 3000);
            Thread.sleep(200);
            assertThat(source.count.get()).isEqualTo(3000);
            // A block goes back to the reader once the caller has moved past it.
            in.readNBytes(1001);
            awaitCount(source, 4000);
            Thread.sleep(200);
            assertThat(source.count.get()).isEqualTo(4000);
        }
    }

    @Test
    void closingEarlyStopsTheReaderAndClosesTheSource() throws Exception {
        EndlessSource source = new EndlessSource();
        InputStream in = new ReadAheadInputStream(source, 2, 100, "test-read-ahead");
        assertThat(in.readNBytes(50)).hasSize(50);
        in.close();
        assertThat(source.closed.get()).isTrue();
        long count = source.count.get();
        Thread.sleep(100);
        assertThat(source.count.get()).isEqualTo(count);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    private static void awaitCount(EndlessSource source, long count) throws InterruptedException {
        for (int i = 0; i < 500 && source.count.get() < count; i++) {
            Thread.sleep(10);
        }
    }

    /** Zeros without end, counting what was read and noting its close. */
    private static final class EndlessSource extends InputStream {
        final AtomicLong count = new AtomicLong();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public int read() {
            count.incrementAndGet();
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, 10);
            Arrays.fill(b, off, off + n, (byte) 0);
            count.addAndGet(n);
            return n;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
