package dev.stagefarm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParseCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new StagefarmCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void printsOneJsonObjectPerFileAndContinuesAfterAnError() throws Exception {
        String good = write("good", "FROM x\nRUN a\n");
        String bad = write("bad", "FROM x\nENV PATH\n");
        String other = write("other", "FROM y\n");

        int exit = run("parse", good, bad, other);

        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        JsonNode first = MAPPER.readTree(lines[0]);
        assertThat(first.get("file").asText()).isEqualTo(good);
        assertThat(first.at("/instructions/1/args/0").asText()).isEqualTo("a");
        JsonNode second = MAPPER.readTree(lines[1]);
        assertThat(second.at("/error/line").asInt()).isEqualTo(2);
        assertThat(second.at("/error/message").asText()).isEqualTo("ENV must have two arguments");
        assertThat(MAPPER.readTree(lines[2]).at("/instructions/0/args/0").asText()).isEqualTo("y");
        assertThat(err.toString()).isEqualTo(bad + ":2: ENV must have two arguments\n");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void printsTheBuildKitDump() throws Exception {
        String file = write("Dockerfile", "FROM x AS b\nCOPY --from=b a c\n");
        assertThat(run("parse", "--format", "dump", file)).isZero();
        assertThat(out.toString()).isEqualTo("(from \"x\" \"AS\" \"b\")\n(copy [\"--from=b\"] \"a\" \"c\")\n");
    }

    @Test
    void writesOneDumpPerFileIntoTheDumpDirectory() throws Exception {
        String a = write("a", "FROM a\n");
        String b = write("b", "");
        String c = write("c", "CMD [\"x\"]\n");
        Path dumps = dir.resolve("dumps");

        int exit = run("parse", "--format", "dump", "--dump-dir", dumps.toString(), a, b, c);

        assertThat(exit).isNotZero();
        assertThat(Files.readString(dumps.resolve("0.dump"))).isEqualTo("(from \"a\")\n");
        assertThat(dumps.resolve("1.dump")).doesNotExist();
        assertThat(Files.readString(dumps.resolve("2.dump"))).isEqualTo("(cmd \"x\")\n");
        assertThat(err.toString()).contains(b + ":1: file with no instructions");
    }

    @Test
    void writesDumpsBesideTheJsonOutput() throws Exception {
        String a = write("a", "FROM a\n");
        Path dumps = dir.resolve("dumps");

        assertThat(run("parse", "--dump-dir", dumps.toString(), a)).isZero();

        assertThat(Files.readString(dumps.resolve("0.dump"))).isEqualTo("(from \"a\")\n");
        assertThat(MAPPER.readTree(out.toString()).at("/instructions/0/keyword").asText()).isEqualTo("FROM");
    }

    @Test
    void reportsAMissingFile() {
        String missing = dir.resolve("nope").toString();
        assertThat(run("parse", missing)).isNotZero();
        assertThat(err.toString()).startsWith(missing + ": ");
    }
}
