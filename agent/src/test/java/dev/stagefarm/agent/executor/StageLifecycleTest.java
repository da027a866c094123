package dev.stagefarm.agent.executor;

import static dev.stagefarm.agent.executor.Steps.copy;
import static dev.stagefarm.agent.executor.Steps.entrypoint;
import static dev.stagefarm.agent.executor.Steps.run;
import static dev.stagefarm.agent.executor.Steps.shell;
import static dev.stagefarm.agent.executor.Steps.stopSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.agent.cache.InstructionCache;
import dev.stagefarm.agent.docker.DockerDaemonExtension;
import dev.stagefarm.agent.docker.ImageFiles;
import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.image.Healthcheck;
import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.StageStep;
import dev.stagefarm.failure.StagefarmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Slow: cache, clean-up and final config of whole stages on a private Docker daemon. */
@ExtendWith(DockerDaemonExtension.class)
class StageLifecycleTest {

    @Test
    void unchangedStepsComeFromTheCacheUntilAnInputChanges(TestDocker docker, @TempDir Path work, @TempDir Path context)
            throws Exception {
        Files.writeString(context.resolve("app.txt"), "v1\n");
        StageExecutor executor = new StageExecutor(docker.engine(), "cache-agent", work.resolve("tmp"), new CacheLocks(),
                new InstructionCache(work.resolve("cache.properties")));
        List<StageStep> steps = List.of(copy("/app.txt", "app.txt"), run("cat /app.txt > /copy.txt"));
        StageWork stage = new StageWork("cached", new BaseImage.Reference("busybox:latest"), steps);
        StageResult first = executor.execute(stage, StageInputs.contextOnly(context), StageListener.NONE);
        List<Boolean> cached = new ArrayList<>();
        StageListener recorder = new StageListener() {
            @Override
            public void stepFinished(int index, StageStep step, boolean fromCache) {
                cached.add(fromCache);
            }
        };
        StageResult second = executor.execute(stage, StageInputs.contextOnly(context), recorder);
        assertThat(cached).containsExactly(true, true);
        assertThat(second.imageId()).isEqualTo(first.imageId());
        cached.clear();
        Files.writeString(context.resolve("app.txt"), "v2\n");
        StageResult third = executor.execute(stage, StageInputs.contextOnly(context), recorder);
        assertThat(cached).containsExactly(false, false);
        assertThat(ImageFiles.text(docker.engine(), third.imageId(), "/copy.txt")).isEqualTo("v2\n");
        cached.clear();
        executor.execute(stage, StageInputs.contextOnly(context), recorder, true);
        assertThat(cached).containsExactly(false, false);
    }

    @Test
    void noContainerOutlivesAFailedStage(TestDocker docker) {
        assertThatThrownBy(() -> StageFixture.build(docker, run("echo x > /x"), run("exit 1")))
                .isInstanceOf(StagefarmException.class);
        assertThat(docker.engine().containers().containersNamed(StageSession.namePrefix(StageFixture.AGENT))).isEmpty();
    }

    @Test
    void restartedAgentRemovesLeftoverContainers(TestDocker docker) {
        String prefix = StageSession.namePrefix("killed-agent");
        docker.engine().containers().createIdle(prefix + "leftover-1", docker.busybox(), ImageConfig.empty());
        docker.engine().containers().createIdle("unrelated-" + System.nanoTime(), docker.busybox(),
                ImageConfig.empty());
        assertThat(StageSession.removeLeftovers(docker.engine(), "killed-agent")).isEqualTo(1);
        assertThat(docker.engine().containers().containersNamed(prefix)).isEmpty();
        assertThat(docker.engine().containers().containersNamed("unrelated-")).hasSize(1);
    }

    @Test
    void scratchStageHasDefaultPathOnlyAndItsFiles(TestDocker docker, @TempDir Path context) throws Exception {
        Files.writeString(context.resolve("hello"), "hi\n");
        StageResult result = StageFixture.executor(docker).execute(new StageWork("s", new BaseImage.Scratch(),
                List.of(copy("/hello", "hello"))), StageInputs.contextOnly(context), StageListener.NONE);
        ImageConfig config = docker.engine().images().imageConfig(result.imageId());
        assertThat(config).isEqualTo(ImageConfig.scratch());
        assertThat(ImageFiles.text(docker.engine(), result.imageId(), "/hello")).isEqualTo("hi\n");
    }

    @Test
    void finalImageCarriesEveryConfigFieldExactly(TestDocker docker) {
        Healthcheck check = new Healthcheck(List.of("CMD-SHELL", "true"), 5_000_000_000L, 0, 0, 0, 2);
        StageResult result = StageFixture.build(docker, shell("/bin/ash", "-c"), stopSignal("SIGINT"),
                new StageStep.HealthcheckStep(40, "HEALTHCHECK", check), new StageStep.OnBuild(41, "ONBUILD", "RUN echo child"),
                entrypoint("/bin/cat"), run("echo after > /after"));
        ImageConfig config = docker.engine().images().imageConfig(result.imageId());
        assertThat(config).isEqualTo(result.config());
        assertThat(config.shell()).containsExactly("/bin/ash", "-c");
        assertThat(config.healthcheck()).isEqualTo(check);
        assertThat(config.cmd()).isEmpty();
    }
}
