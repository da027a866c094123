package dev.stagefarm.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellLexTest {
    private static final ShellLex LEX = new ShellLex('\\');
    private static final VariableScope ENV_VAR_SCOPE = VariableScope.of(Map.of(
            "PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", ""));

    static Stream<Arguments> expansionCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : resourceLines("/shell/expansion-cases.txt")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            assertThat(parts).hasSize(2);
            cases.add(Arguments.of(parts[0].trim(), parts[1].trim()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("expansionCases")
    void expandsWordLikeBuildKit(String source, String expected) {
        if (expected.equals("error")) {
            assertThatThrownBy(() -> LEX.word(source, ENV_VAR_SCOPE))
                    .isInstanceOfSatisfying(StagefarmException.class,
                            e -> assertThat(e.code()).isEqualTo(FailureCode.VARIABLE_EXPANSION));
        } else {
            assertThat(LEX.word(source, ENV_VAR_SCOPE)).isEqualTo(expected);
        }
    }

    static Stream<Arguments> wordCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : resourceLines("/shell/word-cases.txt")) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                String kv = line.substring(3).replaceFirst("^ +", "");
                int eq = kv.indexOf('=');
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
                continue;
            }
            String[] parts = line.split("\\|", -1);
            assertThat(parts).hasSize(2);
            String want = parts[1].replaceFirst("^ +", "");
            List<String> expected = want.isEmpty() ? List.of() : Arrays.asList(want.split(",", -1));
            cases.add(Arguments.of(parts[0].trim(), expected, VariableScope.of(env)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("wordCases")
    void splitsWordsAfterExpansionLikeBuildKit(String source, List<String> expected, VariableScope scope) {
        if (expected.equals(List.of("error"))) {
            assertThatThrownBy(() -> LEX.words(source, scope)).isInstanceOf(StagefarmException.class);
        } else {
            assertThat(LEX.words(source, scope)).containsExactlyElementsOf(expected);
        }
    }

    record MatchCase(String input, Map<String, String> env, String expected, List<String> matched,
            List<String> unmatched) {
        @Override
        public String toString() {
            return input + " " + env;
        }
    }

    private static MatchCase ok(String input, Map<String, String> env, String expected, List<String> matched,
            List<String> unmatched) {
        return new MatchCase(input, env, expected, matched, unmatched);
    }

    private static MatchCase fails(String input, Map<String, String> env) {
        return new MatchCase(input, env, null, List.of(), List.of());
    }

    static Stream<MatchCase> matchCases() {
        Map<String, String> fooBar = Map.of("FOO", "xxx", "BAR", "");
        return Stream.of(
                ok("x", Map.of("DUMMY", "dummy"), "x", List.of(), List.of()),
                ok("x ${UNUSED}", Map.of("DUMMY", "dummy"), "x ", List.of(), List.of("UNUSED")),
                ok("x ${FOO}", Map.of("FOO", "y"), "x y", List.of("FOO"), List.of()),
                ok("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", fooBar, "xxx  ccc", List.of("FOO", "BAR"), List.of("BAZ")),
                ok("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", fooBar, "xxx bbb ccc", List.of("FOO", "BAR"), List.of("BAZ")),
                ok("${FOO:-}", fooBar, "xxx", List.of("FOO"), List.of()),
                ok("${FOO:-}", Map.of(), "", List.of(), List.of("FOO")),
                ok("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", fooBar, "aaa bbb ", List.of("FOO", "BAR"), List.of("BAZ")),
                ok("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", fooBar, "aaa  ", List.of("FOO", "BAR"), List.of("BAZ")),
                ok("${FOO?aaa}", fooBar, "xxx", List.of("FOO"), List.of()),
                ok("${BAR?bbb}", fooBar, "", List.of("BAR"), List.of()),
                fails("${BAZ?ccc}", fooBar),
                ok("${FOO:?aaa}", fooBar, "xxx", List.of("FOO"), List.of()),
                fails("${BAR:?bbb}", fooBar),
                fails("${BAZ:?ccc}", fooBar),
                fails("${BAZ:?}", fooBar),
                fails("${FOO=aaa}", fooBar),
                fails("${FOO=:aaa}", fooBar),
                fails("${FOO=}", Map.of()),
                ok("${FOO#()[]{\\}^$.\\*\\?|\\\\}", Map.of("FOO", "()[]{}^$.*?|\\x"), "x", List.of("FOO"), List.of()),
                ok("${FOO%%\\**}", Map.of("FOO", "xx**"), "xx", List.of("FOO"), List.of()),
                ok("${FOO#*x*y}", Map.of("FOO", "xxyy"), "y", List.of("FOO"), List.of()),
                ok("${FOO#*}", Map.of("FOO", "xxyy"), "xxyy", List.of("FOO"), List.of()),
                ok("${FOO#$BAR}", Map.of("FOO", "xxyy", "BAR", "x"), "xyy", List.of("FOO", "BAR"), List.of()),
                ok("${FOO#$BAR}", Map.of("FOO", "xxyy", "BAR", ""), "xxyy", List.of("FOO", "BAR"), List.of()),
                ok("${FOO#}", Map.of("FOO", "xxyy"), "xxyy", List.of("FOO"), List.of()),
                ok("${FOO##*x}", Map.of("FOO", "xxyy"), "yy", List.of("FOO"), List.of()),
                ok("${FOO##}", Map.of("FOO", "xxyy"), "xxyy", List.of("FOO"), List.of()),
                ok("${FOO#?\\?}", Map.of("FOO", "???y"), "?y", List.of("FOO"), List.of()),
                ok("${ABC:-.}${FOO%x}${ABC:-.}", Map.of("FOO", "xxyy"), ".xxyy.", List.of("FOO"), List.of("ABC")),
                ok("${FOO%%\\**\\*}", Map.of("FOO", "a***yy*"), "a", List.of("FOO"), List.of()),
                ok("${FOO%}", Map.of("FOO", "xxyy"), "xxyy", List.of("FOO"), List.of()),
                ok("${FOO%%$BAR}", Map.of("FOO", "xxyy", "BAR", ""), "xxyy", List.of("FOO", "BAR"), List.of()),
                ok("${FOO%y*}", Map.of("FOO", "xxyyzz"), "xxy", List.of("FOO"), List.of()),
                ok("${FOO%%y*}", Map.of("FOO", "xxyyzz"), "xx", List.of("FOO"), List.of()),
                ok("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", Map.of("FOO", "/foo*/*/*.txt", "NEEDLE", "\\*/"),
                        "/foo.*/*.txt - /foo..*.txt", List.of("FOO", "NEEDLE"), List.of()),
                ok("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", Map.of("FOO", "/tmp/tmp/bar.txt", "NEEDLE", "/tmp"),
                        "/tmp/bar.txt - /bar.txt", List.of("FOO", "NEEDLE"), List.of()),
                ok("${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
                        Map.of("FOO", "/a/foo/b/c.txt", "NEEDLE", "/?/", "REPLACEMENT", "/"),
                        "/foo/b/c.txt - /foo/c.txt", List.of("FOO", "NEEDLE", "REPLACEMENT"), List.of()),
                ok("${FOO/$NEEDLE/$REPLACEMENT}",
                        Map.of("FOO", "http://google.de", "NEEDLE", "http://", "REPLACEMENT", "https://"),
                        "https://google.de", List.of("FOO", "NEEDLE", "REPLACEMENT"), List.of()),
                ok("${FOO//\\//\\/}", Map.of("FOO", "/tmp/foo.txt"), "\\/tmp\\/foo.txt", List.of("FOO"), List.of()),
                ok("${FOO/$BAR/ww}", Map.of("FOO", "xxyy", "BAR", ""), "wwxxyy", List.of("FOO", "BAR"), List.of()),
                fails("${FOO//ww}", Map.of("FOO", "xxyy")),
                fails("${FOO//}", Map.of("FOO", "xxyy")),
                ok("${FOO///}", Map.of("FOO", "xxyy"), "xxyy", List.of("FOO"), List.of()),
                ok("${FOO///}", Map.of(), "", List.of(), List.of("FOO")),
                ok("${FOO//*/x}", Map.of("FOO", "abc"), "x", List.of("FOO"), List.of()),
                ok("${FOO//?/-}", Map.of("FOO", "한국"), "--", List.of("FOO"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchCases")
    void reportsMatchedAndUnmatchedVariables(MatchCase c) {
        if (c.expected() == null) {
            assertThatThrownBy(() -> LEX.process(c.input(), VariableScope.of(c.env())))
                    .isInstanceOf(StagefarmException.class);
            return;
        }
        Expansion result = LEX.process(c.input(), VariableScope.of(c.env()));
        assertThat(result.result()).isEqualTo(c.expected());
        assertThat(result.matched()).containsExactlyInAnyOrderElementsOf(c.matched());
        assertThat(result.unmatched()).containsExactlyInAnyOrderElementsOf(c.unmatched());
    }

    @Test
    void requiredVariableMessageIsExpandedAndReported() {
        String noEmpty = "${VAR:?message here$ARG}";
        String noUnset = "${VAR?message here$ARG}";
        VariableScope set = VariableScope.of(Map.of("VAR", "plain", "ARG", "x"));
        VariableScope empty = VariableScope.of(Map.of("VAR", "", "ARG", "x"));
        VariableScope unset = VariableScope.of(Map.of("ARG", "x"));

        assertThat(LEX.word(noEmpty, set)).isEqualTo("plain");
        assertThatThrownBy(() -> LEX.word(noEmpty, empty)).hasMessageContaining("VAR: message herex");
        assertThatThrownBy(() -> LEX.word(noEmpty, unset)).hasMessageContaining("message herex");
        assertThat(LEX.word(noUnset, set)).isEqualTo("plain");
        assertThat(LEX.word(noUnset, empty)).isEmpty();
        assertThatThrownBy(() -> LEX.word(noUnset, unset)).hasMessageContaining("message herex");
    }

    @Test
    void platformStyleReleaseNameUsesAlternativeValue() {
        String release = "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
        Map<String, String> env = new LinkedHashMap<>(Map.of("VERSION", "v1.2.3", "TARGETOS", "linux",
                "TARGETARCH", "arm", "TARGETVARIANT", "v7"));
        assertThat(LEX.word(release, VariableScope.of(env))).isEqualTo("something-v1.2.3.linux-arm-v7.tar.gz");
        env.put("TARGETVARIANT", "");
        assertThat(LEX.word(release, VariableScope.of(env))).isEqualTo("something-v1.2.3.linux-arm.tar.gz");
    }

    @Test
    void backtickIsTheEscapeWhenTheDockerfileSaysSo() {
        ShellLex backtick = new ShellLex('`');
        VariableScope scope = VariableScope.of(Map.of("P", "/x"));
        assertThat(backtick.word("C:\\dir\\$P", scope)).isEqualTo("C:\\dir\\/x");
        assertThat(backtick.word("`$P", scope)).isEqualTo("$P");
        assertThat(backtick.word("\"a``b`\"c\"", scope)).isEqualTo("a`b\"c");
        assertThat(backtick.words("a` b c", scope)).containsExactly("a b", "c");
    }

    @Test
    void errorMessageQuotesTheWordLikeBuildKit() {
        assertThatThrownBy(() -> LEX.word("a${}", VariableScope.empty()))
                .hasMessage("failed to process \"a${}\": syntax error: bad substitution");
        assertThatThrownBy(() -> LEX.word("${X", VariableScope.empty()))
                .hasMessageEndingWith("syntax error: missing '}'");
        assertThatThrownBy(() -> LEX.word("${X/a", VariableScope.empty()))
                .hasMessageEndingWith("syntax error: missing '/' in ${}");
        assertThatThrownBy(() -> LEX.word("${X#\\x}", VariableScope.of(Map.of("X", "1"))))
                .hasMessageContaining("invalid escape");
    }

    @Test
    void keepingQuotesAndUnsetLeavesUnknownReferencesAsWritten() {
        ShellLex raw = LEX.keepingQuotesAndUnset();
        VariableScope scope = VariableScope.of(Map.of("A", "1"));
        assertThat(raw.word("'$A' \"$A\" $B ${B} ${B:-x} ${B/a/b}", scope))
                .isEqualTo("'$A' \"1\" $B ${B} ${B:-x} ${B/a/b}");
    }

    @Test
    void ignoringQuotesTreatsQuotesAsText() {
        assertThat(LEX.ignoringQuotes().word("'$A' \"$A\"", VariableScope.of(Map.of("A", "1"))))
                .isEqualTo("'1' \"1\"");
    }

    @Test
    void expanderBindsTheScope() {
        WordExpander expander = LEX.expander(VariableScope.of(Map.of("D", "/app dist")));
        assertThat(expander.word("$D/x")).isEqualTo("/app dist/x");
        assertThat(expander.words("$D \"b c\"")).containsExactly("/app", "dist", "b c");
    }

    @Test
    void shellPatternTranslationEscapesRegexCharacters() {
        assertThat(ShellPattern.toRegex("*", true, true).pattern()).isEqualTo("^.*");
        assertThat(ShellPattern.toRegex("?", true, true).pattern()).isEqualTo("^.");
        assertThat(ShellPattern.toRegex("\\*", true, true).pattern()).isEqualTo("^\\*");
        for (String invalid : List.of("\\", "\\x", "\\\\\\")) {
            assertThatThrownBy(() -> ShellPattern.toRegex(invalid, true, true)).isInstanceOf(ShellSyntaxError.class);
        }
        assertThat(ShellPattern.reversePattern("a\\*c")).isEqualTo("c\\*a");
        assertThat(ShellPattern.reversePattern("\\\\\\ab")).isEqualTo("b\\a\\\\");
        assertThat(ShellPattern.reversePattern("ab\\")).isEqualTo("\\ba");
        assertThat(ShellPattern.reversePattern("\\\\b")).isEqualTo("b\\\\");
        assertThat(ShellPattern.reverse("🖖🚀👽")).isEqualTo("👽🚀🖖");
    }

    private static List<String> resourceLines(String name) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(ShellLexTest.class.getResourceAsStream(name), name), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
