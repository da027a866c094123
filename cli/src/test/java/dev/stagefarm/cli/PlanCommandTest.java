package dev.stagefarm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {
    private static final String DIAMOND = """
            FROM alpine AS base
            ARG OUT=/out
            FROM base AS left
            RUN make left
            FROM base AS right
            RUN --mount=from=base,target=/b make right
            FROM scratch AS final
            COPY --from=left ${OUT}/l /
            COPY --from=right /r /
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new StagefarmCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path dockerfile(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void jsonHasTheContractShapeWithBuildOrderForTheChosenTarget() throws IOException {
        Path file = dockerfile("Dockerfile", DIAMOND);
        Run run = run("plan", "-f", file.toString(), "--format", "json", "--target", "left");
        assertThat(run.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("targets").toString()).isEqualTo("{\"left\":[0,1]}");
        assertThat(json.get("build").toString()).isEqualTo("[0,1]");
        JsonNode last = json.get("stages").get(3);
        assertThat(last.get("base").asText()).isEqualTo("scratch");
        assertThat(last.get("dependsOn").toString()).isEqualTo("[1,2]");
        assertThat(last.get("copiesFrom").toString())
                .isEqualTo("[{\"stage\":1,\"paths\":[\"${OUT}/l\"]},{\"stage\":2,\"paths\":[\"/r\"]}]");
        assertThat(json.get("stages").get(1).get("base").toString()).isEqualTo("{\"stage\":\"base\"}");
        assertThat(json.get("stages").get(2).get("mountsFrom").toString()).isEqualTo("[{\"stage\":0}]");
    }

    @Test
    void allTargetsListsEveryNamedStage() throws IOException {
        Run run = run("plan", "-f", dockerfile("Dockerfile", DIAMOND).toString(), "--format", "json", "--all-targets");
        JsonNode targets = new ObjectMapper().readTree(run.out()).get("targets");
        assertThat(targets.toString())
                .isEqualTo("{\"default\":[0,1,2,3],\"base\":[0],\"left\":[0,1],\"right\":[0,2],\"final\":[0,1,2,3]}");
    }

    @Test
    void textShowsTheWavesThatRunInParallel() throws IOException {
        Run run = run("plan", "-f", dockerfile("Dockerfile", DIAMOND).toString());
        assertThat(run.out()).startsWith("target [3] final on linux/amd64: 4 of 4 stages in 3 waves\n"
                + "  wave 1: [0] base\n"
                + "  wave 2 (2 in parallel): [1] left, [2] right\n"
                + "  wave 3: [3] final\n");
        assertThat(run.out()).contains("[0] base  FROM alpine\n    exports its whole image\n");
    }

    @Test
    void dotDrawsStagesImagesAndEdges() throws IOException {
        Run run = run("plan", "-f", dockerfile("Dockerfile", DIAMOND).toString(), "--format", "dot");
        assertThat(run.out()).startsWith("digraph plan {").contains("s0 -> s1 [label=\"FROM\"];")
                .contains("s1 -> s3 [label=\"COPY /l\"];").contains("s0 -> s2 [style=dashed, label=\"mount /\"];")
                .contains("i0 [shape=ellipse, label=\"alpine\"];");
    }

    @Test
    void buildArgAndPlatformReachTheFromLines() throws IOException {
        Path file = dockerfile("Dockerfile", """
                ARG TAG=1
                FROM img:${TAG}-$TARGETARCH
                """);
        Run run = run("plan", "-f", file.toString(), "--format", "json", "--build-arg", "TAG=2",
                "--platform", "linux/arm64");
        assertThat(run.out()).contains("\"base\":\"img:2-arm64\"");
    }

    @Test
    void errorsNameFileAndLineAndUseTheFailureExitCode() throws IOException {
        Path file = dockerfile("Dockerfile", """
                FROM alpine AS a
                COPY --from=b /x /
                FROM alpine AS b
                COPY --from=a /y /
                """);
        Run run = run("plan", "-f", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(file + ":1: circular dependency detected on stage: a\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownTargetAndBadBuildArgFail() throws IOException {
        Path file = dockerfile("Dockerfile", DIAMOND);
        Run target = run("plan", "-f", file.toString(), "--target", "rigth");
        assertThat(target.exit()).isEqualTo(2);
        assertThat(target.err()).contains("(did you mean right?)").contains("stages are: base, left, right, final");
        Run arg = run("plan", "-f", file.toString(), "--build-arg", "NOVALUE");
        assertThat(arg.exit()).isEqualTo(2);
        assertThat(arg.err()).contains("expected NAME=VALUE");
    }

    @Test
    void severalFilesAreWrittenToTheOutputDirectoryAndFailuresDoNotStopTheOthers() throws IOException {
        Path good = dockerfile("good.Dockerfile", DIAMOND);
        Path bad = dockerfile("bad.Dockerfile", "FROM alpine\nCOPY --from=9 /x /\n");
        Path out = dir.resolve("out");
        Run run = run("plan", "--format", "json", "--all-targets", "--out-dir", out.toString(),
                "-f", bad.toString(), "-f", good.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(bad + ":2: invalid stage index 9\n");
        assertThat(Files.exists(out.resolve("0.out"))).isFalse();
        assertThat(Files.readString(out.resolve("1.out"))).contains("\"targets\"");
    }

    @Test
    void missingFileIsReportedWithItsName() {
        Run run = run("plan", "-f", dir.resolve("missing").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("missing: no such file");
    }
}
