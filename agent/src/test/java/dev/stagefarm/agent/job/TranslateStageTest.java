package dev.stagefarm.agent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.plan.BuildPlan;
import dev.stagefarm.plan.PlanOptions;
import dev.stagefarm.plan.Planner;
import dev.stagefarm.protocol.ProtocolVersion;
import dev.stagefarm.protocol.StageDefinition;
import dev.stagefarm.protocol.StageJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pure: the steps of a stage and the numbers they are reported under. */
class TranslateStageTest {

    @Test
    void fromIsStepZeroAndEveryInstructionAfterItOneStepEvenWhenTheExecutorSplitsIt() {
        RawDockerfile dockerfile = DockerfileParser.parse("Dockerfile", String.join("\n",
                "FROM busybox AS base",
                "RUN true",
                "FROM busybox AS app",
                "ARG A=1 B=2",
                "RUN echo $A $B",
                "COPY a /a",
                ""));
        BuildPlan plan = Planner.plan(dockerfile, new PlanOptions(null, Map.of(), null, false));
        StageJob job = new StageJob(ProtocolVersion.CURRENT, "b", "r", 1,
                new StageDefinition(1, "app", "Dockerfile", null, Map.of(), List.of()), "00", "contexts/sha256/00",
                List.of(), List.of(), "k", "linux/amd64", false, null);

        TranslateStage.Translated translated = new TranslateStage(null).work(job,
                new PlannedJob(dockerfile, plan, plan.stage(1), "k"));

        assertThat(translated.work().steps()).extracting(StageStep::text)
                .containsExactly("ARG A=1 B=2", "ARG A=1 B=2", "RUN echo $A $B", "COPY a /a");
        StepNumbers numbers = translated.numbers();
        assertThat(numbers.from()).isEqualTo("FROM busybox AS app");
        assertThat(numbers.ofExecutorStep()).containsExactly(1, 1, 2, 3);
        assertThat(numbers.endsInstruction(0)).isFalse();
        assertThat(numbers.endsInstruction(1)).isTrue();
        assertThat(numbers.endsInstruction(3)).isTrue();
    }
}
