package dev.stagefarm.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The matching table of moby's pattern matcher (the reference for {@code .dockerignore}), checked
 * three ways as moby checks it: the pattern alone, the path or a parent, and a walk that passes
 * each directory's result to its children.
 */
class DockerIgnoreTest {

    /** pattern | path | EXACT (the path itself matches) / PARENT (only a parent does) / NONE. */
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
        "** => file => EXACT", "** => file/ => EXACT", "**/ => file => EXACT", "**/ => file/ => EXACT", "** => / => EXACT", "**/ => / => EXACT",
        "** => dir/file => EXACT", "**/ => dir/file => EXACT", "** => dir/file/ => EXACT", "**/ => dir/file/ => EXACT",
        "**/** => dir/file => EXACT", "**/** => dir/file/ => EXACT", "dir/** => dir/file => EXACT", "dir/** => dir/file/ => EXACT",
        "dir/** => dir/dir2/file => EXACT", "dir/** => dir/dir2/file/ => EXACT", "**/dir => dir => EXACT", "**/dir => dir/file => PARENT",
        "**/dir2/* => dir/dir2/file => EXACT", "**/dir2/* => dir/dir2/file/ => PARENT", "**/dir2/** => dir/dir2/dir3/file => EXACT",
        "**/dir2/** => dir/dir2/dir3/file/ => EXACT", "**file => file => EXACT", "**file => dir/file => EXACT",
        "**/file => dir/file => EXACT", "**file => dir/dir/file => EXACT", "**/file => dir/dir/file => EXACT",
        "**/file* => dir/dir/file => EXACT", "**/file* => dir/dir/file.txt => EXACT", "**/file*txt => dir/dir/file.txt => EXACT",
        "**/file*.txt => dir/dir/file.txt => EXACT", "**/file*.txt* => dir/dir/file.txt => EXACT",
        "**/**/*.txt => dir/dir/file.txt => EXACT", "**/**/*.txt2 => dir/dir/file.txt => NONE", "**/*.txt => file.txt => EXACT",
        "**/**/*.txt => file.txt => EXACT", "a**/*.txt => a/file.txt => EXACT", "a**/*.txt => a/dir/file.txt => EXACT",
        "a**/*.txt => a/dir/dir/file.txt => EXACT", "a/*.txt => a/dir/file.txt => NONE", "a/*.txt => a/file.txt => EXACT",
        "a/*.txt** => a/file.txt => EXACT", "a[b-d]e => ae => NONE", "a[b-d]e => ace => EXACT", "a[b-d]e => aae => NONE",
        "a[^b-d]e => aze => EXACT", ".* => .foo => EXACT", ".* => foo => NONE", "abc.def => abcdef => NONE", "abc.def => abc.def => EXACT",
        "abc.def => abcZdef => NONE", "abc?def => abcZdef => EXACT", "abc?def => abcdef => NONE", "**/foo/bar => foo/bar => EXACT",
        "**/foo/bar => dir/foo/bar => EXACT", "**/foo/bar => dir/dir2/foo/bar => EXACT", "abc/** => abc => NONE",
        "abc/** => abc/def => EXACT", "abc/** => abc/def/ghi => EXACT", "**/.foo => .foo => EXACT", "**/.foo => bar.foo => NONE",
        "a(b)c/def => a(b)c/def => EXACT", "a(b)c/def => a(b)c/xyz => NONE", "a.|)$(}+{bc => a.|)$(}+{bc => EXACT",
        "dist/*.whl => dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl => EXACT",
        "a\\\\ => a\\ => EXACT", "a\\*b => a*b => EXACT", "a\\*b => ab => NONE",
        "docs => docs/README.md => PARENT", "docs/ => docs/README.md => PARENT", "/docs => docs => EXACT", "./docs => docs => EXACT",
        "docs/../src => src => EXACT", "src//main => src/main/x => PARENT", "node_modules => node_modules => EXACT",
        "*/temp* => somedir/temporary.txt => EXACT", "*/*/temp* => somedir/subdir/temporary.txt => EXACT",
        "temp? => tempa => EXACT", "temp? => temp/x => NONE", "*.md => docs/README.md => NONE", "**/*.md => docs/README.md => EXACT",
        "ab[&&] => ab& => EXACT", "ab[[] => ab[ => EXACT", "a?b => a☺b => EXACT", "[a-ζ]* => α => EXACT", "*[a-ζ] => A => NONE",
        "a?b => a/b => NONE", "a*b => a/b => NONE", "[\\]a] => ] => EXACT", "[\\-] => - => EXACT", "[x\\-] => x => EXACT", "[x\\-] => z => NONE",
        "*x => xxx => EXACT", "a*b?c*x => abxbbxdbxebxczzx => EXACT", "a*b?c*x => abxbbxdbxebxczzy => NONE",
    })
    void matchesLikeMobyPatternMatcher(String pattern, String path, String expected) {
        IgnorePattern compiled = IgnorePattern.compile(DockerIgnore.readPattern(pattern, false), "test");
        DockerIgnore rules = DockerIgnore.of(List.of(DockerIgnore.readPattern(pattern, false)));

        assertThat(compiled.matches(path)).as("pattern alone").isEqualTo(expected.equals("EXACT"));
        assertThat(rules.match(path, IgnoreMatch.ROOT).excluded()).as("path or a parent")
                .isEqualTo(!expected.equals("NONE"));
        assertThat(matchAlongWalk(rules, path)).as("walk with parent results").isEqualTo(!expected.equals("NONE"));
    }

    private static boolean matchAlongWalk(DockerIgnore rules, String path) {
        String[] parts = path.split("/", -1);
        IgnoreMatch parent = IgnoreMatch.ROOT;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            prefix.append(i == 0 ? "" : "/").append(parts[i]);
            parent = rules.match(prefix.toString(), parent);
        }
        return rules.match(path, parent).excluded();
    }

    @ParameterizedTest(name = "{0} excludes {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "**,!util/docker/web|util/docker/web/foo|false",
        "**,!util/docker/web,util/docker/web/foo|util/docker/web/foo|true",
        "**,!dist/*.whl|dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl|false",
        "!fileutils.go,*.go|fileutils.go|true",
        "*.go,!fileutils.go|fileutils.go|false",
        "docs,!docs/README.md|docs/README.md|false",
        "docs/*,!docs/README.md|docs/README.md|false",
        "docs,!docs/README.md|docs/other.md|true",
        "*.md,!README*.md,README-secret.md|README-secret.md|true",
        "*.md,!README*.md,README-secret.md|README-public.md|false",
        "*|fileutils.go|true",
    })
    void lastMatchingPatternWins(String patterns, String path, boolean excluded) {
        DockerIgnore rules = DockerIgnore.of(List.of(patterns.split(",")));
        assertThat(rules.excludes(path)).isEqualTo(excluded);
        assertThat(matchAlongWalk(rules, path)).isEqualTo(excluded);
    }

    @Test
    void neverExcludesTheContextRoot() {
        assertThat(DockerIgnore.of(List.of("*", "**")).excludes(".")).isFalse();
        assertThat(DockerIgnore.of(List.of("*")).excludes("./")).isFalse();
    }

    @Test
    void readsIgnoreFileLikeMobyReadAll() {
        String content = "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n"
                + "  # not a comment once indented\n./dot/slash\nfoo//bar/../baz\n";
        DockerIgnore rules = DockerIgnore.parse(content, ".dockerignore");

        assertThat(rules.patterns()).containsExactly("test1", "test2", "a/file/here", "lastfile",
                "!inverted/abs/path", "# not a comment once indented", "dot/slash", "foo/baz");
    }

    @Test
    void stripsByteOrderMarkAndCarriageReturns() {
        DockerIgnore rules = DockerIgnore.parse("\uFEFF# comment\r\nbuild\r\n!build/keep\r\n", ".dockerignore");

        assertThat(rules.patterns()).containsExactly("build", "!build/keep");
        assertThat(rules.excludes("build/x")).isTrue();
        assertThat(rules.excludes("build/keep")).isFalse();
    }

    @Test
    void refusesLoneExclamationMarkNamingTheLine() {
        assertThatThrownBy(() -> DockerIgnore.parse("ok\n\n!\n", ".dockerignore"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_INVALID);
                    assertThat(e.subject()).isEqualTo(".dockerignore:3");
                    assertThat(e.getMessage()).contains("illegal exclusion pattern");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "[a-b-c]", "\\"})
    void refusesMalformedPatternsAsGoFilepathMatchDoes(String pattern) {
        assertThatThrownBy(() -> DockerIgnore.parse("first\n" + pattern + "\n", "app.Dockerfile.dockerignore"))
                .isInstanceOfSatisfying(StagefarmException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCode.CONTEXT_INVALID);
                    assertThat(e.subject()).isEqualTo("app.Dockerfile.dockerignore:2");
                });
    }

    @Test
    void opensExcludedDirectoryOnlyForLiteralExceptionBelowIt() {
        DockerIgnore rules = DockerIgnore.of(List.of("docs", "!docs/keep/README.md", "!*/other.txt"));

        assertThat(rules.mayReincludeBelow("docs")).isTrue();
        assertThat(rules.mayReincludeBelow("docs/keep")).isTrue();
        assertThat(rules.mayReincludeBelow("docs/other")).isFalse();
        assertThat(rules.mayReincludeBelow("doc")).isFalse();
        assertThat(rules.mayReincludeBelow("lib")).isFalse();
    }

    @Test
    void keepsExcludedBuildFilesForTheBuilderButHidesThemFromCopy() {
        DockerIgnore rules = DockerIgnore.of(List.of("*", "!src"));

        DockerIgnore sent = rules.keepingBuildFiles("Dockerfile");

        assertThat(sent.patterns()).containsExactly("*", "!src", "!.dockerignore", "!Dockerfile");
        assertThat(sent.excludes("Dockerfile")).isFalse();
        assertThat(sent.excludes(".dockerignore")).isFalse();
        assertThat(sent.excludes("README.md")).isTrue();
        assertThat(rules.hiddenBuildFiles("Dockerfile")).containsExactly(".dockerignore", "Dockerfile");
    }

    @Test
    void leavesRulesAloneWhenBuildFilesAreNotExcluded() {
        DockerIgnore rules = DockerIgnore.of(List.of("node_modules"));

        assertThat(rules.keepingBuildFiles("build/Dockerfile")).isSameAs(rules);
        assertThat(rules.hiddenBuildFiles("build/Dockerfile")).isEmpty();
    }

    @Test
    void keepsDockerfileInsideExcludedDirectory() {
        DockerIgnore rules = DockerIgnore.of(List.of("build"));

        DockerIgnore sent = rules.keepingBuildFiles("build/Dockerfile");

        assertThat(sent.excludes("build/Dockerfile")).isFalse();
        assertThat(sent.excludes("build/other")).isTrue();
        assertThat(sent.mayReincludeBelow("build")).isTrue();
        assertThat(rules.hiddenBuildFiles("build/Dockerfile")).containsExactly("build/Dockerfile");
    }

    @Test
    void emptyRulesExcludeNothing() {
        assertThat(DockerIgnore.NONE.excludes("anything/at/all")).isFalse();
        assertThat(DockerIgnore.parse("\n   \n# only comments\n", ".dockerignore").patterns()).isEmpty();
    }
}
