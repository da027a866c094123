package dev.stagefarm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {
    @Test
    void artifactKeyDependsOnTheExportedPathSetNotItsOrderOrRepeats() {
        String key = ObjectKeys.artifact("k1", List.of("/app/dist", "/app/node_modules"));

        assertThat(ObjectKeys.artifact("k1", List.of("/app/node_modules", "/app/dist", "/app/dist"))).isEqualTo(key);
        assertThat(ObjectKeys.artifact("k1", List.of("/app/dist"))).isNotEqualTo(key);
        assertThat(ObjectKeys.artifact("k2", List.of("/app/dist", "/app/node_modules"))).isNotEqualTo(key);
        assertThat(key).startsWith("artifacts/k1/").endsWith("/files.tar").matches("artifacts/k1/[0-9a-f]{64}/files.tar");
    }

    @Test
    void manifestSitsBesideItsArtifact() {
        List<String> paths = List.of("/out");

        assertThat(ObjectKeys.manifestOf(ObjectKeys.artifact("k", paths)))
                .isEqualTo(ObjectKeys.artifactManifest("k", paths));
        assertThatThrownBy(() -> ObjectKeys.manifestOf("images/k.tar")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chunksSitBesideTheirManifestUnderTheirUploadsId() {
        String artifact = ObjectKeys.artifact("k", List.of("/out"));
        String folder = artifact.substring(0, artifact.length() - "files.tar".length());

        assertThat(ObjectKeys.artifactChunk(artifact, "u1", 7)).isEqualTo(folder + "chunks/u1/00007");
        assertThat(ObjectKeys.artifactChunk(artifact, "u2", 7)).isNotEqualTo(ObjectKeys.artifactChunk(artifact, "u1", 7));
        assertThatThrownBy(() -> ObjectKeys.artifactChunk("images/k.json", "u1", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anArtifactWithoutPathsIsRefused() {
        assertThatThrownBy(() -> ObjectKeys.artifact("k", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
