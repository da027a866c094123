package dev.stagefarm.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotesTest {

    @Test
    void notesNameTheSecretKeysThePodsWillRead() {
        assertThat(Chart.notes("{}"))
                .contains("Secret stagefarm-postgresql with the key(s) jdbc-url, username, password")
                .contains("Secret stagefarm-s3 with the key(s) endpoint, bucket, access-key, secret-key")
                .contains("share group stagefarm.agents set to share.auto.offset.reset=earliest");
        // Literal URL, endpoint and bucket: only the credentials are read from the Secrets.
        assertThat(Chart.notes(TestValues.CUSTOM))
                .contains("Secret pg-login with the key(s) user, pass")
                .contains("Secret store-login with the key(s) id, key");
    }

    @Test
    void notesTellHowToReachTheCoordinatorAndWhatScalingInDoes() {
        assertThat(Chart.notes(TestValues.CUSTOM))
                .contains("StatefulSet farm-stagefarm-agent: 5 pod(s), 3 slot(s) each")
                .contains("kubectl -n builds port-forward service/farm-stagefarm-coordinator 8080:80")
                .contains("finish its running stages for 600 s");
    }
}
