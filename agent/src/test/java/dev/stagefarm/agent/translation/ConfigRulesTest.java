package dev.stagefarm.agent.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.agent.image.Healthcheck;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.KeyValue;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigRulesTest {

    private static final ImageConfig BASE = ImageConfig.empty().withEnv("PATH", "/bin").withCmd(List.of("sh"));

    private static BuildState apply(BuildState state, StageStep... steps) {
        for (StageStep step : steps) {
            state = ConfigRules.apply(state, step);
        }
        return state;
    }

    @Test
    void entrypointResetsInheritedCmd() {
        BuildState state = apply(BuildState.startingFrom(BASE), new StageStep.Entrypoint(2, "", List.of("/app"), false));
        assertThat(state.config().cmd()).isEmpty();
        assertThat(state.config().entrypoint()).containsExactly("/app");
    }

    @Test
    void entrypointKeepsCmdSetEarlierInTheStage() {
        BuildState state = apply(BuildState.startingFrom(BASE), new StageStep.Cmd(2, "", List.of("--help"), false),
                new StageStep.Entrypoint(3, "", List.of("/app"), false));
        assertThat(state.config().cmd()).containsExactly("--help");
    }

    @Test
    void shellFormUsesTheCurrentShell() {
        BuildState state = apply(BuildState.startingFrom(BASE), new StageStep.Shell(2, "", List.of("/bin/bash", "-eo", "pipefail", "-c")),
                new StageStep.Cmd(3, "", List.of("echo hi"), true));
        assertThat(state.config().cmd()).containsExactly("/bin/bash", "-eo", "pipefail", "-c", "echo hi");
        assertThat(ConfigRules.commandLine(BASE, List.of("ls -l"), true)).containsExactly("/bin/sh", "-c", "ls -l");
    }

    @Test
    void relativeWorkdirJoinsTheCurrentOneAndIsCleaned() {
        BuildState state = apply(BuildState.startingFrom(BASE), new StageStep.Workdir(2, "", "app"),
                new StageStep.Workdir(3, "", "sub/../lib/"), new StageStep.Workdir(4, "", "/abs//x/."));
        assertThat(state.config().workingDir()).isEqualTo("/abs/x");
        assertThat(ConfigRules.joinWorkdir("/app", "sub/../lib/")).isEqualTo("/app/lib");
    }

    @Test
    void envRedefinitionKeepsItsPlaceAndArgStaysOutOfConfig() {
        BuildState state = apply(BuildState.startingFrom(BASE),
                new StageStep.Env(2, "", List.of(new KeyValue("A", "1"), new KeyValue("B", "2"))),
                new StageStep.Arg(3, "", "TOKEN", "t"), new StageStep.Env(4, "", List.of(new KeyValue("A", "3"))));
        assertThat(state.config().env()).containsExactly("PATH=/bin", "A=3", "B=2");
        assertThat(state.runEnvironment()).containsExactly("PATH=/bin", "A=3", "B=2", "TOKEN=t");
    }

    @Test
    void envOverridesArgInRunEnvironmentAndValuelessArgIsInvisible() {
        BuildState state = apply(BuildState.startingFrom(BASE), new StageStep.Arg(2, "", "A", "arg"),
                new StageStep.Arg(3, "", "EMPTY", null), new StageStep.Env(4, "", List.of(new KeyValue("A", "env"))));
        assertThat(state.runEnvironment()).containsExactly("PATH=/bin", "A=env");
    }

    @Test
    void exposeNormalisesProtocolAndExpandsRanges() {
        BuildState state = apply(BuildState.startingFrom(BASE), new StageStep.Expose(2, "", List.of("80", "53/UDP", "8000-8002")));
        assertThat(state.config().exposedPorts()).containsExactly("53/udp", "80/tcp", "8000/tcp", "8001/tcp", "8002/tcp");
    }

    @Test
    void invalidExposeFailsWithItsLine() {
        assertThatThrownBy(() -> apply(BuildState.startingFrom(BASE), new StageStep.Expose(7, "", List.of("http"))))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.DOCKERFILE_INSTRUCTION);
                    assertThat(e.line()).isEqualTo(7);
                });
    }

    @Test
    void metadataInstructionsSetTheirFields() {
        Healthcheck check = new Healthcheck(List.of("CMD-SHELL", "true"), 30_000_000_000L, 0, 0, 0, 3);
        BuildState state = apply(BuildState.startingFrom(BASE), new StageStep.User(2, "", "app:app"),
                new StageStep.Volume(3, "", List.of("/data", "/logs")), new StageStep.StopSignal(4, "", "SIGINT"),
                new StageStep.HealthcheckStep(5, "", check), new StageStep.OnBuild(6, "", "RUN make"),
                new StageStep.Label(7, "", List.of(new KeyValue("b", "2"), new KeyValue("a", "1"))));
        ImageConfig c = state.config();
        assertThat(c.user()).isEqualTo("app:app");
        assertThat(c.volumes()).containsExactly("/data", "/logs");
        assertThat(c.stopSignal()).isEqualTo("SIGINT");
        assertThat(c.healthcheck()).isEqualTo(check);
        assertThat(c.onBuild()).containsExactly("RUN make");
        assertThat(c.labels()).containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"));
    }

    @Test
    void baseImageOnBuildTriggersAreNotInherited() {
        BuildState state = BuildState.startingFrom(BASE.withOnBuild("RUN x"));
        assertThat(state.config().onBuild()).isEmpty();
    }
}
