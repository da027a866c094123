package dev.stagefarm.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.digest.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {
    private static final Digest D = Digest.of("x".getBytes(StandardCharsets.UTF_8));

    @Test
    void followsTheDocumentedLayout() {
        assertThat(ObjectKeys.context(D)).isEqualTo("contexts/sha256/" + D.hex());
        assertThat(ObjectKeys.artifact(D, "dist.tar")).isEqualTo("artifacts/" + D.hex() + "/dist.tar");
        assertThat(ObjectKeys.image(D)).isEqualTo("images/" + D.hex() + ".tar");
        assertThat(ObjectKeys.log("b-42", "builder")).isEqualTo("logs/b-42/builder.log");
    }

    @Test
    void refusesSegmentsThatWouldChangeTheLayout() {
        assertThatThrownBy(() -> ObjectKeys.artifact(D, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.log("b/1", "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.log("b", "..")).isInstanceOf(IllegalArgumentException.class);
    }
}
