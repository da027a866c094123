package dev.stagefarm.agent.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonConfigMergeTest {

    @Test
    void envIsAUnionSoAnExtraKeyCannotBeRemoved() {
        ImageConfig request = ImageConfig.empty().withEnv("A", "1");
        ImageConfig base = ImageConfig.empty().withEnv("A", "0").withEnv("SECRET_ARG", "x");
        assertThat(DaemonConfigMerge.merge(request, base).env()).containsExactly("A=1", "SECRET_ARG=x");
    }

    @Test
    void emptyCmdWithoutEntrypointIsFilledFromBase() {
        ImageConfig base = ImageConfig.empty().withCmd(List.of("/bin/sh", "-c", "make"));
        assertThat(DaemonConfigMerge.merge(ImageConfig.empty(), base).cmd()).containsExactly("/bin/sh", "-c", "make");
        ImageConfig withEntrypoint = ImageConfig.empty().withEntrypoint(List.of("/app"));
        assertThat(DaemonConfigMerge.merge(withEntrypoint, base).cmd()).isEmpty();
    }

    @Test
    void labelsPortsAndVolumesAreUnionsAndScalarsFillWhenEmpty() {
        ImageConfig base = ImageConfig.empty().withLabel("a", "base").withLabel("b", "base").withExposedPort("80/tcp")
                .withVolume("/v").withUser("app").withWorkingDir("/w").withStopSignal("SIGINT");
        ImageConfig merged = DaemonConfigMerge.merge(ImageConfig.empty().withLabel("a", "req"), base);
        assertThat(merged.labels()).containsEntry("a", "req").containsEntry("b", "base");
        assertThat(merged.exposedPorts()).containsExactly("80/tcp");
        assertThat(merged.volumes()).containsExactly("/v");
        assertThat(merged.user()).isEqualTo("app");
        assertThat(merged.workingDir()).isEqualTo("/w");
        assertThat(merged.stopSignal()).isEqualTo("SIGINT");
    }

    @Test
    void healthcheckFieldsFillOneByOne() {
        Healthcheck base = new Healthcheck(List.of("CMD", "true"), 10, 20, 0, 0, 3);
        Healthcheck request = new Healthcheck(List.of(), 5, 0, 0, 0, 0);
        ImageConfig merged = DaemonConfigMerge.merge(ImageConfig.empty().withHealthcheck(request),
                ImageConfig.empty().withHealthcheck(base));
        assertThat(merged.healthcheck()).isEqualTo(new Healthcheck(List.of("CMD", "true"), 5, 20, 0, 0, 3));
    }
}
