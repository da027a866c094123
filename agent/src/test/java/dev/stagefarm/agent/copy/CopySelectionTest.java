package dev.stagefarm.agent.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopySelectionTest {

    @TempDir
    Path root;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(root.resolve("web/css"));
        Files.writeString(root.resolve("web/index.html"), "i");
        Files.writeString(root.resolve("web/css/a.css"), "a");
        Files.writeString(root.resolve("x1.txt"), "1");
        Files.writeString(root.resolve("x2.txt"), "2");
        Files.writeString(root.resolve("y[1].txt"), "y");
    }

    private List<String> names(String dest, PathKind kind, String... sources) {
        return names(false, dest, kind, sources);
    }

    private List<String> names(boolean link, String dest, PathKind kind, String... sources) {
        List<CopySelection.Source> list = java.util.Arrays.stream(sources).map(s -> new CopySelection.Source(root, s, false)).toList();
        return CopySelection.entries(new CopySelection.Request(list, List.of(), dest, kind, false, link, List.of(), null, null, 1))
                .stream().map(e -> e.name() + (e.type() == CopyEntry.Type.DIRECTORY ? "/" : "")).toList();
    }

    @Test
    void singleFileWithoutSlashIsRenamed() {
        assertThat(names("/opt/x", PathKind.MISSING, "x1.txt")).containsExactly("opt/x");
    }

    @Test
    void linkCreatesEveryFolderOfTheDestinationPathEvenWhenItExists() {
        assertThat(names(true, "/srv/app/", PathKind.DIRECTORY, "x1.txt"))
                .containsExactly("srv/", "srv/app/", "srv/app/x1.txt");
        assertThat(names(true, "/srv/x", PathKind.MISSING, "x1.txt")).containsExactly("srv/", "srv/x");
    }

    @Test
    void destinationKindIsNotAskedWhereNoKindChangesTheEntries() {
        // A folder destination with --link: every kind gives the same entries.
        for (String dest : List.of("/app/", "app/x/", "/./")) {
            for (String[] sources : List.of(new String[] {"web"}, new String[] {"x1.txt"}, new String[] {"x1.txt", "web"})) {
                assertThat(CopySelection.destinationKindMatters(dest, true)).isFalse();
                List<String> asFolder = namesOrFailure(true, dest, PathKind.DIRECTORY, sources);
                for (PathKind kind : PathKind.values()) {
                    assertThat(namesOrFailure(true, dest, kind, sources)).as("dest=%s kind=%s sources=%s", dest, kind,
                            List.of(sources)).isEqualTo(asFolder);
                }
            }
        }
        // The root is always a folder: nothing to ask.
        for (String dest : List.of("/", "//", "/.", "/./")) {
            assertThat(CopySelection.destinationKindMatters(dest, false)).as(dest).isFalse();
        }
        // Without --link a folder destination the copy creates gets an entry of its own.
        assertThat(CopySelection.destinationKindMatters("/app/", false)).isTrue();
        assertThat(names("/app/", PathKind.MISSING, "x1.txt")).isNotEqualTo(names("/app/", PathKind.DIRECTORY, "x1.txt"));
        // Without a trailing slash a file is renamed or goes into an existing folder, --link or not.
        assertThat(CopySelection.destinationKindMatters("/app", true)).isTrue();
        assertThat(names(true, "/app", PathKind.MISSING, "x1.txt")).isNotEqualTo(names(true, "/app", PathKind.DIRECTORY, "x1.txt"));
    }

    private List<String> namesOrFailure(boolean link, String dest, PathKind kind, String... sources) {
        try {
            return names(link, dest, kind, sources);
        } catch (StagefarmException e) {
            return List.of("failure: " + e.getMessage());
        }
    }

    @Test
    void singleFileIntoExistingFolder() {
        assertThat(names("/opt", PathKind.DIRECTORY, "x1.txt")).containsExactly("opt/x1.txt");
    }

    @Test
    void folderCopiesContentAndCreatesMissingDestination() {
        assertThat(names("/srv", PathKind.MISSING, "web")).containsExactly("srv/", "srv/css/", "srv/css/a.css", "srv/index.html");
        assertThat(names("/srv", PathKind.DIRECTORY, "./web/")).containsExactly("srv/css/", "srv/css/a.css", "srv/index.html");
    }

    @Test
    void wildcardMatchesSortedAndEscapesAreLiteral() {
        assertThat(names("/t/", PathKind.MISSING, "x?.txt")).containsExactly("t/", "t/x1.txt", "t/x2.txt");
        assertThat(names("/t/", PathKind.DIRECTORY, "y\\[1].txt")).containsExactly("t/y[1].txt");
    }

    @Test
    void dotDotCannotLeaveTheRoot() {
        assertThat(names("/t/", PathKind.DIRECTORY, "../../x1.txt")).containsExactly("t/x1.txt");
    }

    @Test
    void severalSourcesNeedAFolderDestination() {
        assertThatThrownBy(() -> names("/t", PathKind.MISSING, "x1.txt", "x2.txt"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> assertThat(e.code()).isEqualTo(FailureCode.DOCKERFILE_INSTRUCTION));
    }

    @Test
    void missingSourceNamesIt() {
        assertThatThrownBy(() -> names("/t/", PathKind.MISSING, "nope"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.COPY_SOURCE_MISSING);
                    assertThat(e.subject()).isEqualTo("nope");
                });
    }

    @Test
    void excludeUsesDoubleStarAcrossFolders() {
        assertThat(ExcludePattern.matches("**/*.css", "css/a.css")).isTrue();
        assertThat(ExcludePattern.matches("**/*.css", "a.css")).isTrue();
        assertThat(ExcludePattern.matches("*.css", "css/a.css")).isFalse();
        assertThat(GlobPattern.compile("[^a]*").matches("b1")).isTrue();
        assertThat(GlobPattern.compile("[^a]*").matches("a1")).isFalse();
    }
}
