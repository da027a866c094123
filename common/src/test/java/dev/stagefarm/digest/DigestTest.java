package dev.stagefarm.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void parsesPrefixedAndBareHex() {
        assertThat(Digest.parse("sha256:" + ABC_SHA256).hex()).isEqualTo(ABC_SHA256);
        assertThat(Digest.parse(ABC_SHA256)).isEqualTo(Digest.parse("sha256:" + ABC_SHA256));
        assertThat(Digest.parse(ABC_SHA256).toString()).isEqualTo("sha256:" + ABC_SHA256);
    }

    @Test
    void refusesMalformedDigests() {
        for (String bad : new String[] {"", "sha256:", "sha256:abc", "md5:" + ABC_SHA256,
                "sha256:" + ABC_SHA256.toUpperCase(), ABC_SHA256 + "0", "sha256:" + ABC_SHA256.replace('a', 'g')}) {
            assertThatThrownBy(() -> Digest.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(StagefarmException.class,
                            e -> assertThat(e.code()).isEqualTo(FailureCode.BAD_REQUEST));
        }
    }

    @Test
    void computesKnownSha256() {
        assertThat(Digest.of(ABC).hex()).isEqualTo(ABC_SHA256);
    }

    @Test
    void digestingStreamsSeeEveryByteIncludingSkipped() throws IOException {
        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(ABC));
        assertThat(in.read()).isEqualTo('a');
        assertThat(in.skip(2)).isEqualTo(2);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.count()).isEqualTo(3);
        assertThat(in.digest().hex()).isEqualTo(ABC_SHA256);

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DigestingOutputStream out = new DigestingOutputStream(sink);
        out.write(ABC, 0, 2);
        out.write('c');
        assertThat(out.digest().hex()).isEqualTo(ABC_SHA256);
        assertThat(out.count()).isEqualTo(3);
        assertThat(sink.toByteArray()).isEqualTo(ABC);
    }

    @Test
    void verifyingStreamPassesMatchingContent() throws IOException {
        VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(ABC), Digest.of(ABC), 3, "k");
        assertThat(in.readAllBytes()).isEqualTo(ABC);
        assertThat(in.verified()).isTrue();
    }

    @Test
    void verifyingStreamFailsOnTruncation() {
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(ABC, 0, 2), Digest.of(ABC), 3, "key");
        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(StagefarmException.class, e -> {
            assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT);
            assertThat(e.subject()).isEqualTo("key");
            assertThat(e.getMessage()).contains("truncated: got 2 of 3");
        });
    }

    @Test
    void verifyingStreamTurnsTransportErrorBeforeTheEndIntoCorruption() {
        InputStream broken = new InputStream() {
            private int left = 2;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'a';
                }
                throw new IOException("Premature end of Content-Length delimited message body");
            }
        };
        InputStream in = new VerifyingInputStream(broken, Digest.of(ABC), 3, "key");
        assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                .isInstanceOfSatisfying(StagefarmException.class,
                        e -> assertThat(e.code()).isEqualTo(FailureCode.ARTIFACT_CORRUPT))
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void verifyingStreamFailsOnOtherBytesAndExtraBytes() {
        InputStream other = new VerifyingInputStream(new ByteArrayInputStream("abd".getBytes(StandardCharsets.US_ASCII)),
                Digest.of(ABC), 3, "key");
        assertThatThrownBy(other::readAllBytes).isInstanceOf(StagefarmException.class).hasMessageContaining("does not match");

        InputStream longer = new VerifyingInputStream(new ByteArrayInputStream("abcd".getBytes(StandardCharsets.US_ASCII)),
                Digest.of(ABC), 3, "key");
        assertThatThrownBy(longer::readAllBytes).isInstanceOf(StagefarmException.class).hasMessageContaining("more bytes");
    }
}
