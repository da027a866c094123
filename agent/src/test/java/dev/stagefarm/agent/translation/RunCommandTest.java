package dev.stagefarm.agent.translation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.agent.image.ImageConfig;
import dev.stagefarm.agent.stage.HeredocFile;
import dev.stagefarm.agent.stage.StageStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunCommandTest {

    private static StageStep.Run run(String command, HeredocFile... files) {
        return new StageStep.Run(1, "", List.of(command), true, List.of(), StageStep.Network.DEFAULT, List.of(files));
    }

    @Test
    void shellFormIsPrefixedWithDefaultShell() {
        assertThat(RunCommand.of(ImageConfig.empty(), run("make all")).argv()).containsExactly("/bin/sh", "-c", "make all");
    }

    @Test
    void execFormRunsAsWritten() {
        StageStep.Run exec = new StageStep.Run(1, "", List.of("/bin/echo", "a b"), false, List.of(), StageStep.Network.NONE, List.of());
        assertThat(RunCommand.of(ImageConfig.empty(), exec).argv()).containsExactly("/bin/echo", "a b");
    }

    @Test
    void singleHeredocRunsItsBodyWithTheShell() {
        RunCommand command = RunCommand.of(ImageConfig.empty(), run("<<EOF", new HeredocFile("EOF", "set -e\nmake\n")));
        assertThat(command.argv()).containsExactly("/bin/sh", "-c", "set -e\nmake\n");
        assertThat(command.script()).isEmpty();
    }

    @Test
    void quotedHeredocWithShebangBecomesMountedScript() {
        HeredocFile file = new HeredocFile("SCRIPT", "#!/usr/bin/env python3\nprint(1)\n");
        RunCommand command = RunCommand.of(ImageConfig.empty(), run("<<'SCRIPT'", file));
        assertThat(command.argv()).containsExactly("/dev/pipes/SCRIPT");
        assertThat(command.script()).contains(file);
    }

    @Test
    void heredocAsCommandInputIsReconstitutedForTheShell() {
        RunCommand command = RunCommand.of(ImageConfig.empty().withShell(List.of("/bin/bash", "-c")),
                run("python3 <<EOF > out", new HeredocFile("EOF", "print(1)\n")));
        assertThat(command.argv()).containsExactly("/bin/bash", "-c", "python3 <<EOF > out\nprint(1)\nEOF");
    }
}
