package dev.stagefarm.dockerfile.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.dockerfile.syntax.Heredoc;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class InstructionsTest {
    private static final MapExpander VARS = new MapExpander(Map.of("V", "val", "T", "cache", "U", "1000"));

    /** The last instruction of {@code text}, typed. */
    private static Instruction last(String text) {
        List<Instruction> all = Instructions.of(DockerfileParser.parse("Dockerfile", text));
        return all.get(all.size() - 1);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsWith(String text, String message) {
        return assertThatThrownBy(() -> last(text))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.DOCKERFILE_INSTRUCTION);
                    assertThat(e.subject()).isEqualTo("Dockerfile:" + e.line());
                })
                .hasMessage(message);
    }

    @Test
    void readsFromWithLowerCasedStageNameAndPlatform() {
        From from = (From) last("FROM --platform=$BUILDPLATFORM Golang:1.22 As Build-1.x\n");
        assertThat(from.image()).isEqualTo("Golang:1.22");
        assertThat(from.name()).isEqualTo("build-1.x");
        assertThat(from.platform()).isEqualTo("$BUILDPLATFORM");
        assertThat(((From) last("FROM scratch\n")).name()).isNull();
        assertThat(from.expand(new MapExpander(Map.of("BUILDPLATFORM", "linux/arm64"))).platform()).isEqualTo("linux/arm64");
    }

    @Test
    void rejectsBadFromForms() {
        failsWith("FROM a b\n", "FROM requires either one or three arguments");
        failsWith("FROM a AS 1st\n", "invalid name for build stage: \"1st\", name can't start with a number or contain symbols");
        failsWith("FROM a AS b$c\n", "invalid name for build stage: \"b$c\", name can't start with a number or contain symbols");
        failsWith("FROM --platfrom=x a\n", "unknown flag: platfrom (did you mean platform?)");
        failsWith("FROM --plat=x a\n", "unknown flag: plat");
        failsWith("FROM --platform a\n", "missing a value on flag: platform");
    }

    @Test
    void readsRunWithMountsNetworkAndSecurity() {
        Run run = (Run) last("FROM a AS build\nFROM b\nRUN --mount=type=cache,target=/c,id=x,sharing=locked "
                + "--mount=from=build,source=/out,target=/in --network=none --security=insecure make\n");
        assertThat(run.command()).containsExactly("make");
        assertThat(run.prependShell()).isTrue();
        assertThat(run.network()).isEqualTo("none");
        assertThat(run.security()).isEqualTo("insecure");
        assertThat(run.mountSpecs()).hasSize(2);
        // before expansion BuildKit knows only `from` (and sees bind mounts)
        assertThat(run.mounts()).extracting(RunMount::from).containsExactly("", "build");
        Run expanded = run.expand(VARS);
        RunMount cache = expanded.mounts().get(0);
        assertThat(cache.type()).isEqualTo("cache");
        assertThat(cache.target()).isEqualTo("/c");
        assertThat(cache.id()).isEqualTo("x");
        assertThat(cache.sharing()).isEqualTo("locked");
        assertThat(cache.readOnly()).isFalse();
        RunMount bind = expanded.mounts().get(1);
        assertThat(bind).isEqualTo(new RunMount("bind", "build", "/out", "/in", true, "", "", false, 0, null, null, null, null));
    }

    @Test
    void defaultsRunNetworkAndSecurityAndKeepsExecForm() {
        Run run = (Run) last("RUN [\"echo\", \"a b\"]\n");
        assertThat(run.network()).isEqualTo("default");
        assertThat(run.security()).isEqualTo("sandbox");
        assertThat(run.command()).containsExactly("echo", "a b");
        assertThat(run.prependShell()).isFalse();
    }

    @Test
    void keepsRunHeredocs() {
        Run run = (Run) last("RUN <<EOF\necho hi\nEOF\n");
        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "echo hi\n"));
    }

    @Test
    void rejectsBadRunFlags() {
        failsWith("RUN --network=bridge x\n", "network bridge not supported");
        failsWith("RUN --security=root x\n", "security root is not valid");
        failsWith("RUN --mout=type=bind x\n", "unknown flag: mout (did you mean mount?)");
        failsWith("RUN --network=none --network=host x\n", "duplicate flag specified: network");
        failsWith("RUN --mount=from=$STAGE,target=/x x\n", "'from' doesn't support variable expansion, define alias stage instead");
        failsWith("RUN --mount=target x\n", "invalid field 'target' must be a key=value pair");
        failsWith("RUN --mount= x\n", "failed to parse csv mounts: EOF");
    }

    private static void expandFails(String flag, String message) {
        Run run = (Run) last("RUN " + flag + " x\n");
        assertThatThrownBy(() -> run.expand(VARS)).isInstanceOf(StagefarmException.class).hasMessage(message);
    }

    @Test
    void validatesEveryMountOptionOnExpansion() {
        expandFails("--mount=type=volume,target=/x", "unsupported mount type \"volume\"");
        expandFails("--mount=type=cache,target=/x,sharing=all", "unsupported sharing value \"all\"");
        expandFails("--mount=type=bind,target=/x,sharing=shared", "invalid cache sharing set for bind mount");
        expandFails("--mount=type=bind,target=/x,mode=0755", "mode not allowed for \"bind\" type mounts");
        expandFails("--mount=type=cache,target=/x,mode=9", "invalid value 9 for mode");
        expandFails("--mount=type=cache,target=/x,uid=-1", "invalid value -1 for uid");
        expandFails("--mount=type=tmpfs,target=/x,gid=1", "gid not allowed for \"tmpfs\" type mounts");
        expandFails("--mount=type=bind,target=/x,required", "unexpected key 'required' for mount type 'bind'");
        expandFails("--mount=type=bind,target=/x,ro=maybe", "invalid value for ro: maybe");
        expandFails("--mount=type=bind,size=1m,target=/x", "unexpected key 'size' for mount type 'bind'");
        expandFails("--mount=type=secret", "invalid secret mount. one of source, target required");
        expandFails("--mount=type=secret,id=a,source=b", "both source and id can't be set");
        expandFails("--mount=type=secret,id=a,from=b", "secret mount should not have a from");
        expandFails("--mount=type=bind,targt=/x", "unexpected key 'targt' in 'targt=/x' (did you mean target?)");
    }

    @Test
    void expandsMountOptionsAndReadsEveryKind() {
        Run run = ((Run) last("RUN --mount=type=$T,dst=/c,mode=0700,uid=$U,gid=2,rw=false "
                + "--mount=type=secret,id=tok,env=TOKEN,required "
                + "--mount=type=ssh,required=true --mount=type=tmpfs,destination=/t,size=64m "
                + "--mount=type=bind,src=a,target=/b,readwrite x\n")).expand(VARS);
        List<RunMount> mounts = run.mounts();
        assertThat(mounts.get(0)).isEqualTo(new RunMount("cache", "", "", "/c", true, "", "", false, 0, null, 0700L, 1000L, 2L));
        assertThat(mounts.get(1)).isEqualTo(new RunMount("secret", "", "", "", true, "tok", "", true, 0, "TOKEN", null, null, null));
        assertThat(mounts.get(2).type()).isEqualTo("ssh");
        assertThat(mounts.get(2).required()).isTrue();
        assertThat(mounts.get(3).sizeLimit()).isEqualTo(64L * 1024 * 1024);
        assertThat(mounts.get(3).readOnly()).isFalse();
        assertThat(mounts.get(4).source()).isEqualTo("a");
        assertThat(mounts.get(4).readOnly()).isFalse();
    }

    @Test
    void readsCopyFlagsAndHeredocSources() {
        Copy copy = (Copy) last("COPY --from=build --chown=$U:app --chmod=755 --link --parents --exclude=*.md "
                + "--exclude=tmp <<EOF a/$V /dst/\nhello\nEOF\n");
        assertThat(copy.from()).isEqualTo("build");
        assertThat(copy.chown()).isEqualTo("$U:app");
        assertThat(copy.chmod()).isEqualTo("755");
        assertThat(copy.link()).isTrue();
        assertThat(copy.parents()).isTrue();
        assertThat(copy.excludes()).containsExactly("*.md", "tmp");
        assertThat(copy.sources().paths()).containsExactly("a/$V");
        assertThat(copy.sources().heredocs()).containsExactly(new Heredoc("EOF", 0, true, false, "hello\n"));
        assertThat(copy.sources().destination()).isEqualTo("/dst/");
        Copy expanded = copy.expand(VARS);
        assertThat(expanded.chown()).isEqualTo("1000:app");
        assertThat(expanded.sources().paths()).containsExactly("a/val");
        assertThat(expanded.from()).isEqualTo("build");
    }

    @Test
    void copyWithoutFlagsHasNullsAndFalse() {
        Copy copy = (Copy) last("COPY [\"a b\", \"/c\"]\n");
        assertThat(copy.from()).isNull();
        assertThat(copy.chown()).isNull();
        assertThat(copy.link()).isFalse();
        assertThat(copy.sources().paths()).containsExactly("a b");
        assertThat(((Copy) last("COPY [\"<<EOF\", \"/c\"]\n")).sources().heredocs())
                .containsExactly(new Heredoc("EOF", 0, true, false, ""));
    }

    @Test
    void rejectsBadCopy() {
        failsWith("COPY a\n", "COPY requires at least two arguments, but only one was provided. Destination could not be determined");
        failsWith("COPY --checksum=sha256:x a b\n", "unknown flag: checksum");
        failsWith("COPY --link=maybe a b\n", "expecting boolean value for flag link, not: maybe");
        failsWith("COPY --link= a b\n", "missing a value on flag: link");
        failsWith("COPY --from a b\n", "missing a value on flag: from");
        failsWith("COPY a <<EOF\nx\nEOF\n", "COPY cannot accept a heredoc as a destination");
    }

    @Test
    void readsAddFlags() {
        Add add = (Add) last("ADD --checksum=sha256:$V --keep-git-dir --unpack=false --chmod=644 --exclude=x "
                + "https://example.com/a.tar.gz /opt/\n");
        assertThat(add.checksum()).isEqualTo("sha256:$V");
        assertThat(add.keepGitDir()).isTrue();
        assertThat(add.unpack()).isFalse();
        assertThat(add.chmod()).isEqualTo("644");
        assertThat(add.excludes()).containsExactly("x");
        assertThat(add.expand(VARS).checksum()).isEqualTo("sha256:val");
        assertThat(((Add) last("ADD a b\n")).unpack()).isNull();
        failsWith("ADD --from=x a b\n", "unknown flag: from");
        failsWith("ADD a\n", "ADD requires at least two arguments, but only one was provided. Destination could not be determined");
    }

    @Test
    void readsEnvAndLabelPairsAndExpandsKeysAndValues() {
        Env env = (Env) last("ENV A=1 B=\"x $V\"\n");
        assertThat(env.pairs()).containsExactly(new KeyValue("A", "1"), new KeyValue("B", "\"x $V\""));
        assertThat(env.expand(VARS).pairs().get(1).value()).isEqualTo("\"x val\"");
        assertThat(((Env) last("ENV A b c\n")).pairs()).containsExactly(new KeyValue("A", "b c"));
        Label label = (Label) last("LABEL a=b $V=c\n");
        assertThat(label.expand(VARS).pairs()).containsExactly(new KeyValue("a", "b"), new KeyValue("val", "c"));
        failsWith("ENV\n", "ENV requires at least one argument");
        failsWith("LABEL =x\n", "LABEL names can not be blank");
        failsWith("ENV --x A=1\n", "unknown flag: x");
    }

    @Test
    void readsArgNamesWithOptionalDefaults() {
        Arg arg = (Arg) last("ARG A B=2 C=\"x y\" D=\n");
        assertThat(arg.args()).containsExactly(new KeyValue("A", null), new KeyValue("B", "2"),
                new KeyValue("C", "\"x y\""), new KeyValue("D", ""));
        failsWith("ARG\n", "ARG requires at least one argument");
        failsWith("ARG =1\n", "ARG names can not be blank");
    }

    @Test
    void readsSingleArgumentInstructions() {
        assertThat(((User) last("USER $U:app\n")).expand(VARS).user()).isEqualTo("1000:app");
        assertThat(((Workdir) last("WORKDIR /app/$V\n")).expand(VARS).path()).isEqualTo("/app/val");
        assertThat(((StopSignal) last("STOPSIGNAL SIGTERM\n")).signal()).isEqualTo("SIGTERM");
        assertThat(((Maintainer) last("MAINTAINER me <me@x>\n")).name()).isEqualTo("me <me@x>");
        failsWith("USER\n", "USER requires exactly one argument");
        failsWith("WORKDIR\n", "WORKDIR requires exactly one argument");
        failsWith("WORKDIR --x=1 /a\n", "unknown flag: x");
    }

    @Test
    void readsExposeAndVolume() {
        assertThat(((Expose) last("EXPOSE 80/tcp $V\n")).expand(VARS).ports()).containsExactly("80/tcp", "val");
        assertThat(((Volume) last("VOLUME [\"/a\", \"/b\"]\n")).volumes()).containsExactly("/a", "/b");
        failsWith("EXPOSE\n", "EXPOSE requires at least one argument");
        failsWith("VOLUME [\"\"]\n", "VOLUME specified can not be an empty string");
    }

    @Test
    void readsCmdEntrypointAndShell() {
        Cmd cmd = (Cmd) last("CMD echo  hi\n");
        assertThat(cmd.command()).containsExactly("echo  hi");
        assertThat(cmd.prependShell()).isTrue();
        Entrypoint entrypoint = (Entrypoint) last("ENTRYPOINT [\"/bin/app\", \"-v\"]\n");
        assertThat(entrypoint.command()).containsExactly("/bin/app", "-v");
        assertThat(entrypoint.prependShell()).isFalse();
        assertThat(((Shell) last("SHELL [\"pwsh\", \"-c\"]\n")).shell()).containsExactly("pwsh", "-c");
        failsWith("SHELL pwsh -c\n", "SHELL requires the arguments to be in JSON form");
        failsWith("SHELL []\n", "SHELL requires at least one argument");
        failsWith("CMD --x echo\n", "unknown flag: x");
    }

    @Test
    void readsHealthcheckWithDurations() {
        Healthcheck check = (Healthcheck) last("HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=1.5s "
                + "--start-interval=2s --retries=3 CMD curl -f http://localhost/\n");
        assertThat(check.test()).containsExactly("CMD-SHELL", "curl -f http://localhost/");
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(check.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(check.startPeriod()).isEqualTo(Duration.ofMillis(1500));
        assertThat(check.startInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(check.retries()).isEqualTo(3);
        assertThat(((Healthcheck) last("HEALTHCHECK CMD [\"/probe\"]\n")).test()).containsExactly("CMD", "/probe");
        Healthcheck none = (Healthcheck) last("HEALTHCHECK NONE\n");
        assertThat(none.disabled()).isTrue();
    }

    @Test
    void rejectsBadHealthchecks() {
        failsWith("HEALTHCHECK\n", "HEALTHCHECK requires at least one argument");
        failsWith("HEALTHCHECK NONE x\n", "HEALTHCHECK NONE takes no arguments");
        failsWith("HEALTHCHECK CONNECT x\n", "Unknown type \"CONNECT\" in HEALTHCHECK (try CMD)");
        failsWith("HEALTHCHECK CMD\n", "Missing command after HEALTHCHECK CMD");
        failsWith("HEALTHCHECK --interval=5 CMD x\n", "time: missing unit in duration \"5\"");
        failsWith("HEALTHCHECK --interval=5y CMD x\n", "time: unknown unit \"y\" in duration \"5y\"");
        failsWith("HEALTHCHECK --timeout=abc CMD x\n", "time: invalid duration \"abc\"");
        failsWith("HEALTHCHECK --timeout=10us CMD x\n", "Interval \"timeout\" cannot be less than 1ms");
        failsWith("HEALTHCHECK --retries=0 CMD x\n", "--retries must be at least 1 (not 0)");
        failsWith("HEALTHCHECK --retries=x CMD x\n", "strconv.ParseInt: parsing \"x\": invalid syntax");
        failsWith("HEALTHCHECK --period=1s CMD x\n", "unknown flag: period");
    }

    @Test
    void readsOnbuildTriggerWithItsHeredocs() {
        Onbuild onbuild = (Onbuild) last("ONBUILD COPY --from=x <<EOF /a\nhi\nEOF\n");
        assertThat(onbuild.expression()).isEqualTo("COPY --from=x <<EOF /a");
        assertThat(onbuild.trigger().flags()).containsExactly("--from=x");
        assertThat(onbuild.heredocs()).extracting(Heredoc::name).containsExactly("EOF");
        failsWith("ONBUILD\n", "ONBUILD requires at least one argument");
        failsWith("ONBUILD ONBUILD RUN x\n", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        failsWith("ONBUILD FROM x\n", "FROM isn't allowed as an ONBUILD trigger");
        failsWith("ONBUILD maintainer x\n", "MAINTAINER isn't allowed as an ONBUILD trigger");
    }

    @Test
    void unknownInstructionIsAnErrorOnItsLine() {
        assertThatThrownBy(() -> Instructions.of(DockerfileParser.parse("Dockerfile", "FROM a\n\nfoo bar\n")))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.subject()).isEqualTo("Dockerfile:3");
                })
                .hasMessage("unknown instruction: FOO");
    }

    @Test
    void chompsHeredocContentForUse() {
        assertThat(new Heredoc("E", 0, true, true, "\ta\n\t\tb\n").effectiveContent()).isEqualTo("a\nb\n");
    }
}
