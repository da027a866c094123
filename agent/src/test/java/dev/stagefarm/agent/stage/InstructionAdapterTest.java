package dev.stagefarm.agent.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.dockerfile.instructions.Instruction;
import dev.stagefarm.dockerfile.instructions.Instructions;
import dev.stagefarm.dockerfile.shell.ShellLex;
import dev.stagefarm.dockerfile.shell.VariableScope;
import dev.stagefarm.dockerfile.shell.WordExpander;
import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frontend's typed instructions (parsed for real) become executor steps. */
class InstructionAdapterTest {

    private static List<StageStep> steps(String dockerfile, Map<String, String> buildArgs) {
        List<Instruction> instructions = Instructions.of(DockerfileParser.parse("Dockerfile", dockerfile));
        WordExpander expander = new ShellLex('\\').expander(VariableScope.empty());
        InstructionAdapter adapter = new InstructionAdapter(buildArgs);
        return instructions.stream().map(i -> i.expand(expander)).flatMap(i -> adapter.steps(i).stream()).toList();
    }

    @Test
    void runKeepsMountsNetworkAndHeredocs() {
        List<StageStep> steps = steps("""
                FROM busybox
                RUN --mount=type=cache,target=/root/.m2,sharing=locked --mount=type=secret,id=tok --network=none <<-EOF
                \techo hi
                EOF
                """, Map.of());
        StageStep.Run run = (StageStep.Run) steps.get(0);
        assertThat(run.line()).isEqualTo(2);
        assertThat(run.network()).isEqualTo(StageStep.Network.NONE);
        assertThat(run.mounts()).containsExactly(
                new MountRequest.Cache("/root/.m2", "/root/.m2", MountRequest.Sharing.LOCKED, false),
                new MountRequest.Secret("/run/secrets/tok", "tok", false));
        assertThat(run.heredocs()).containsExactly(new HeredocFile("EOF", "echo hi\n"));
    }

    @Test
    void copyFlagsAndArgValuesCarryOver() {
        List<StageStep> steps = steps("""
                FROM busybox
                ARG VERSION=1 OTHER
                COPY --from=build --chown=app:app --chmod=640 /src/a /src/b /dst/
                """, Map.of("OTHER", "given"));
        assertThat(steps.get(0)).isEqualTo(new StageStep.Arg(2, ((StageStep.Arg) steps.get(0)).text(), "VERSION", "1"));
        assertThat(((StageStep.Arg) steps.get(1)).value()).isEqualTo("given");
        StageStep.Copy copy = (StageStep.Copy) steps.get(2);
        assertThat(copy.sources()).containsExactly("/src/a", "/src/b");
        assertThat(copy.destination()).isEqualTo("/dst/");
        assertThat(copy.fromStage()).isEqualTo("build");
        assertThat(copy.chown()).isEqualTo("app:app");
        assertThat(copy.chmod()).isEqualTo("640");
    }

    @Test
    void addUnpackFlagAndBindFromCarryOver() {
        List<StageStep> steps = steps("""
                FROM busybox
                ADD --unpack=false a.tgz /keep/
                ADD b.tgz /open/
                RUN --mount=type=bind,from=busybox:latest,source=/bin,target=/tools true
                """, Map.of());
        assertThat(((StageStep.Copy) steps.get(0)).unpack()).isFalse();
        assertThat(((StageStep.Copy) steps.get(1)).unpack()).isNull();
        assertThat(((StageStep.Run) steps.get(2)).mounts())
                .containsExactly(new MountRequest.Bind("/tools", "/bin", "busybox:latest", false));
    }
}
