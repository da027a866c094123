package dev.stagefarm.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.dockerfile.instructions.Instruction;
import dev.stagefarm.dockerfile.instructions.Instructions;
import dev.stagefarm.dockerfile.shell.WordExpander;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated Dockerfiles (seeded, bounded): the parser either succeeds, with output
 * the renderers can print and instructions that type or fail with an instruction error, or it
 * fails with a syntax error naming a line; nothing else escapes. Takes a few seconds.
 */
class DockerfileParserFuzzTest {
    private static final String[] FRAGMENTS = {
        "FROM ", "RUN ", "COPY ", "ADD ", "ENV ", "LABEL ", "ARG ", "ONBUILD ", "HEALTHCHECK ", "CMD ",
        "ENTRYPOINT ", "SHELL ", "VOLUME ", "USER ", "WORKDIR ", "EXPOSE ", "FOO ", "# escape=`\n",
        "# syntax=x\n", "# check=y\n", "#", "\\", "`", "\\\n", "`\n", "\n", "\r\n", " ", "\t", "\"", "'",
        "[", "]", ",", "\"a\"", "1", "null", "{}", "=", "a=b", "--", "--flag=", "--mount=type=cache ",
        "<<", "<<EOF", "<<-EOF", "<<'EOF'", "3<<X", "EOF\n", "\tEOF\n", "X\n", "$", "${", "}", "${a:-b}",
        "é", "\u00a0", "\u2028", "\uFEFF", "\u0000", "NONE", "AS ", "x", "/dst",
    };
    /** Pieces that stress nesting and line length limits. */
    private static final String[] LARGE_FRAGMENTS = {
        "[".repeat(3000), "]".repeat(3000), "${a:-".repeat(500), "ONBUILD ".repeat(100), "x".repeat(70000),
    };

    private static final String SPECIALS = "\\`\"'[]=<-\n #$";

    private static final String SEED = """
            # syntax=docker/dockerfile:1
            ARG BASE=alpine
            FROM $BASE AS build
            RUN --mount=type=cache,target=/root/.cache \\
                echo "a b" && \\
                # comment
                echo done
            COPY --from=build --chown=app <<EOF /etc/x
            hello
            EOF
            ENV A=1 B="x y"
            LABEL a b
            CMD ["sh", "-c", "echo"]
            ONBUILD RUN <<-'END'
            \tbody
            \tEND
            HEALTHCHECK --interval=5s CMD curl -f x
            """;

    @Test
    void randomFragmentsNeverThrowAnythingButSyntaxErrorsWithALine() {
        Random random = new Random(20240601L);
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(40);
            for (int p = 0; p < parts; p++) {
                text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            check(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void deeplyNestedAndOverlongInputsNeverThrowAnythingButSyntaxErrorsWithALine() {
        Random random = new Random(99L);
        for (int n = 0; n < 100; n++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                text.append(random.nextInt(3) == 0
                        ? LARGE_FRAGMENTS[random.nextInt(LARGE_FRAGMENTS.length)]
                        : FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            check(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void mutatedDockerfilesNeverThrowAnythingButSyntaxErrorsWithALine() {
        Random random = new Random(7L);
        byte[] seed = SEED.getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < 2000; n++) {
            byte[] bytes = seed.clone();
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = switch (random.nextInt(4)) {
                    case 0 -> (byte) random.nextInt(256);
                    case 1 -> (byte) SPECIALS.charAt(random.nextInt(SPECIALS.length()));
                    case 2 -> (byte) '\n';
                    default -> bytes[random.nextInt(bytes.length)];
                };
            }
            check(bytes);
        }
    }

    /** Typed instructions may reject what the raw parser accepts, but only as instruction errors. */
    private static void typed(RawInstruction raw) {
        try {
            Instruction instruction = Instructions.of("Dockerfile", raw);
            instruction.expand(IDENTITY);
        } catch (StagefarmException e) {
            assertThat(e.code()).isEqualTo(FailureCode.DOCKERFILE_INSTRUCTION);
            assertThat(e.line()).isEqualTo(raw.startLine());
        }
    }

    private static final WordExpander IDENTITY = new WordExpander() {
        @Override
        public String word(String word) {
            return word;
        }

        @Override
        public List<String> words(String text) {
            return List.of(text.split(" "));
        }
    };

    private static void check(byte[] bytes) {
        try {
            RawDockerfile file = DockerfileParser.parse("Dockerfile", new ByteArrayInputStream(bytes));
            assertThat(file.instructions()).isNotEmpty();
            assertThat(AstDump.render(file)).endsWith(")\n");
            assertThat(RawDockerfileJson.render("Dockerfile", file)).startsWith("{");
            for (RawInstruction i : file.instructions()) {
                assertThat(i.startLine()).isPositive().isLessThanOrEqualTo(i.endLine());
                typed(i);
            }
        } catch (StagefarmException e) {
            assertThat(e.code()).isEqualTo(FailureCode.DOCKERFILE_SYNTAX);
            assertThat(e.line()).as(e.getMessage()).isGreaterThanOrEqualTo(1);
            assertThat(RawDockerfileJson.renderError("Dockerfile", e)).contains("\"line\":" + e.line());
        }
    }
}
