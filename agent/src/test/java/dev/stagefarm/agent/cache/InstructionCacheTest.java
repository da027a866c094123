package dev.stagefarm.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstructionCacheTest {

    private static final StepKey A = new StepKey("a1");
    private static final StepKey B = new StepKey("b2");

    @Test
    void entriesSurviveReopeningAndTheLatestImageOfAKeyWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("index.properties");
        InstructionCache cache = new InstructionCache(file);
        cache.store(A, "sha256:old");
        cache.store(B, "sha256:bbb");
        cache.store(A, "sha256:new");

        InstructionCache reopened = new InstructionCache(file);
        assertThat(reopened.lookup(A, image -> true)).contains("sha256:new");
        assertThat(reopened.lookup(B, image -> true)).contains("sha256:bbb");
        assertThat(Files.readAllLines(file).stream().filter(l -> l.startsWith("a1="))).as("compacted on open").hasSize(1);
    }

    @Test
    void lineTornByACrashLosesOnlyItsOwnEntry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("index.properties");
        new InstructionCache(file).store(A, "sha256:aaa");
        Files.writeString(file, "\nb2=sha2", StandardOpenOption.APPEND);
        new InstructionCache(file).store(B, "sha256:bbb");

        InstructionCache reopened = new InstructionCache(file);
        assertThat(reopened.lookup(A, image -> true)).contains("sha256:aaa");
        assertThat(reopened.lookup(B, image -> true)).contains("sha256:bbb");
    }

    @Test
    void entryWhoseImageIsGoneIsAMiss(@TempDir Path dir) {
        InstructionCache cache = new InstructionCache(dir.resolve("index.properties"));
        cache.store(A, "sha256:gone");
        assertThat(cache.lookup(A, image -> false)).isEmpty();
        assertThat(cache.lookup(A, image -> true)).isEmpty();
    }
}
