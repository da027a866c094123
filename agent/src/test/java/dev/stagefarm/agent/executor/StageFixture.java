package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.docker.TestDocker;
import dev.stagefarm.agent.stage.StageStep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An executor on the test daemon with its own agent id and work folder. */
final class StageFixture {
    static final String AGENT = "test-agent";

    private StageFixture() {
    }

    static StageExecutor executor(TestDocker docker) {
        try {
            return new StageExecutor(docker.engine(), AGENT, Files.createTempDirectory("stagefarm-work"), new CacheLocks());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StageResult build(TestDocker docker, Path context, StageStep... steps) {
        return executor(docker).execute(new StageWork("test", new BaseImage.Reference("busybox:latest"), List.of(steps)),
                StageInputs.contextOnly(context), StageListener.NONE);
    }

    static StageResult build(TestDocker docker, StageStep... steps) {
        return build(docker, null, steps);
    }
}
