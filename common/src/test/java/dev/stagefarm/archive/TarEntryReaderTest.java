package dev.stagefarm.archive;

import static dev.stagefarm.archive.TarFixtures.file;
import static dev.stagefarm.archive.TarFixtures.rawEntry;
import static dev.stagefarm.archive.TarFixtures.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.archive.TarEntryReader.TarPolicy;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarEntryReaderTest {

    private static void readAll(byte[] tar, TarPolicy policy) throws IOException {
        try (TarEntryReader reader = new TarEntryReader(new ByteArrayInputStream(tar), policy)) {
            while (reader.next() != null) {
                reader.content().transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    private static void assertRefused(byte[] tar, TarPolicy policy, String subject) {
        assertThatThrownBy(() -> readAll(tar, policy)).isInstanceOfSatisfying(StagefarmException.class, e -> {
            assertThat(e.code()).isEqualTo(policy.failureCode());
            assertThat(e.subject()).isEqualTo(subject);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "a/../../evil", "/etc/passwd", "./../x"})
    void refusesEntriesEscapingTheRoot(String name) throws IOException {
        assertRefused(rawEntry(name, TarArchiveEntry.LF_NORMAL, null), TarPolicy.CONTEXT, name);
    }

    @Test
    void refusesSymlinkPointingOutside() throws IOException {
        assertRefused(rawEntry("a/link", TarArchiveEntry.LF_SYMLINK, "../../etc"), TarPolicy.ARTIFACT, "a/link");
        assertRefused(rawEntry("link", TarArchiveEntry.LF_SYMLINK, "/etc/passwd"), TarPolicy.ARTIFACT, "link");
    }

    @Test
    void acceptsSymlinksInsideAndAbsoluteOnesForContainers() throws IOException {
        readAll(rawEntry("a/b/link", TarArchiveEntry.LF_SYMLINK, "../sibling"), TarPolicy.ARTIFACT);
        readAll(rawEntry("link", TarArchiveEntry.LF_SYMLINK, "/usr/lib/libc.so"), TarPolicy.CONTAINER_ARTIFACT);
    }

    @Test
    void refusesHardlinkOutside() throws IOException {
        assertRefused(rawEntry("hard", TarArchiveEntry.LF_LINK, "../outside"), TarPolicy.ARTIFACT, "hard");
        assertRefused(rawEntry("hard", TarArchiveEntry.LF_LINK, "/etc/shadow"), TarPolicy.ARTIFACT, "hard");
    }

    @Test
    void skipsRootEntryAndNormalisesDotSlashNames() throws IOException {
        byte[] bytes = tar(t -> file(t, "x", 0644, "1"));
        byte[] dotted = rawEntry("./dir/./file", TarArchiveEntry.LF_NORMAL, null);
        try (TarEntryReader reader = new TarEntryReader(new ByteArrayInputStream(dotted), TarPolicy.ARTIFACT)) {
            assertThat(reader.next().name()).isEqualTo("dir/file");
            assertThat(reader.next()).isNull();
            assertThat(reader.ended()).isTrue();
        }
        readAll(bytes, TarPolicy.ARTIFACT);
    }

    @Test
    void failsWhenCutBetweenEntries() throws IOException {
        byte[] whole = tar(t -> {
            file(t, "a", 0644, "first");
            file(t, "b", 0644, "second");
        });
        byte[] cutAfterFirst = TarFixtures.cut(whole, 1024); // header + one data block of "a"

        assertRefused(cutAfterFirst, TarPolicy.ARTIFACT, "a");
    }

    @Test
    void failsWhenCutInsideContent() throws IOException {
        byte[] whole = tar(t -> file(t, "big", 0644, "z".repeat(5000)));

        assertRefused(TarFixtures.cut(whole, 512 + 1000), TarPolicy.ARTIFACT, "big");
    }

    @Test
    void failsOnGarbage() {
        byte[] garbage = new byte[2048];
        java.util.Arrays.fill(garbage, (byte) 'q');
        assertThatThrownBy(() -> readAll(garbage, TarPolicy.CONTEXT)).isInstanceOfSatisfying(StagefarmException.class,
                e -> assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_INVALID));
    }

    @Test
    void readsWholeArchiveWhenCallerSkipsContents() throws IOException {
        byte[] whole = tar(t -> {
            file(t, "a", 0644, "a".repeat(3000));
            file(t, "b", 0644, "b");
        });
        try (TarEntryReader reader = new TarEntryReader(new ByteArrayInputStream(whole), TarPolicy.ARTIFACT)) {
            assertThat(reader.next().name()).isEqualTo("a");
            assertThat(reader.next().name()).isEqualTo("b");
            assertThat(reader.next()).isNull();
        }
    }
}
