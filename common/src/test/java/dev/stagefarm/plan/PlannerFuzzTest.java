package dev.stagefarm.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.dockerfile.syntax.DockerfileParser;
import dev.stagefarm.dockerfile.syntax.RawDockerfile;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated Dockerfiles never crash the parser or the planner: each one either plans,
 * or fails with a {@link StagefarmException} that names a line of the file (or, for a target
 * or whole-file problem, says so). Seeds are fixed so a failure is reproducible. Runs a few
 * thousand cases (about 10 s).
 */
class PlannerFuzzTest {
    private static final String[] PIECES = {
        "FROM ", "AS ", "ARG ", "ENV ", "COPY ", "ADD ", "RUN ", "WORKDIR ", "ONBUILD ", "--from=", "--mount=",
        "type=bind,from=", "--platform=", "${", "}", "$", "\"", "'", "\\", "\n", " ", "=", ":-", ":+", "#", "%",
        "/", "//", "?", "*", "<<EOF\nx\nEOF\n", "stage", "base", "0", "1", "alpine", "scratch", "$TARGETOS", "[\"a\"",
        "]", ",", "-", "\t", "\r\n", "é", "LABEL ", "USER ", "EXPOSE ", "CMD ", "SHELL ", "HEALTHCHECK ", "FROM",
    };

    @Test
    void randomDockerfilesPlanOrFailWithALine() {
        Random random = new Random(20260301);
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(60);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            check(text.toString(), random);
        }
    }

    @Test
    void mutatedRealDockerfilesPlanOrFailWithALine() throws IOException, URISyntaxException {
        Random random = new Random(42);
        Path dir = Path.of(PlannerFuzzTest.class.getResource("/corpus").toURI());
        List<String> sources = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".Dockerfile")).sorted().toList()) {
                sources.add(Files.readString(file));
            }
        }
        for (int i = 0; i < 1500; i++) {
            String source = sources.get(random.nextInt(sources.size()));
            check(mutate(source, random), random);
        }
    }

    private static String mutate(String source, Random random) {
        StringBuilder text = new StringBuilder(source);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && text.length() > 0; e++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 2 -> {
                    // swap two lines: moves FROMs and COPY --froms around (later-stage references, cycles)
                    String[] lines = text.toString().split("\n", -1);
                    int a = random.nextInt(lines.length);
                    int b = random.nextInt(lines.length);
                    String t = lines[a];
                    lines[a] = lines[b];
                    lines[b] = t;
                    text = new StringBuilder(String.join("\n", lines));
                }
                default -> text.delete(at, Math.min(text.length(), at + random.nextInt(40)));
            }
        }
        return text.toString();
    }

    private static void check(String text, Random random) {
        RawDockerfile parsed;
        try {
            parsed = DockerfileParser.parse("Dockerfile", text);
        } catch (StagefarmException e) {
            assertThat(e.getMessage()).as("parser message for:\n%s", text).isNotBlank();
            return;
        }
        int lines = text.split("\r?\n", -1).length;
        String target = random.nextInt(4) == 0 ? "stage" : null;
        for (PlanOptions options : List.of(new PlanOptions(target, Map.of(), null, false),
                new PlanOptions(null, Map.of("V", "x"), Platform.parse("linux/arm64"), true))) {
            try {
                BuildPlan plan = Planner.plan(parsed, options);
                assertThat(plan.build()).as("build of:\n%s", text).isNotEmpty().contains(plan.target());
            } catch (StagefarmException e) {
                assertThat(e.getMessage()).as("message for:\n%s", text).isNotBlank();
                assertThat(e.line()).as("line of %s for:\n%s", e.getMessage(), text).isBetween(0, lines);
                if (e.line() == 0) {
                    assertThat(e.code().name()).as("a failure without a line: %s\n%s", e.getMessage(), text)
                            .isIn("UNKNOWN_TARGET", "DOCKERFILE_INSTRUCTION");
                }
            }
        }
    }
}
