package dev.stagefarm.coordinator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetResultTest {
    @Test
    void buildWithoutOutputsKeepsTheImage() {
        assertThat(TargetResult.of(List.of())).isEqualTo(new TargetResult(true, false));
    }

    @Test
    void loadAndPushNeedTheImage() {
        assertThat(TargetResult.of(List.of("type=docker"))).isEqualTo(new TargetResult(true, false));
        assertThat(TargetResult.of(List.of("type=image,push=true"))).isEqualTo(new TargetResult(true, false));
    }

    @Test
    void localAndTarNeedOnlyTheFilesystem() {
        assertThat(TargetResult.of(List.of("type=local"))).isEqualTo(new TargetResult(false, true));
        assertThat(TargetResult.of(List.of("type=tar"))).isEqualTo(new TargetResult(false, true));
        assertThat(TargetResult.of(List.of("dest=out"))).isEqualTo(new TargetResult(false, true));
    }

    @Test
    void localWithLoadNeedsBoth() {
        assertThat(TargetResult.of(List.of("type=local", "type=docker"))).isEqualTo(new TargetResult(true, true));
    }
}
