package dev.stagefarm.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonArrayFormTest {

    private static JsonArrayForm.Outcome read(String unicode) {
        return JsonArrayForm.read(ByteText.fromUnicode(unicode));
    }

    @Test
    void decodesEscapesAndSurrogatePairs() {
        assertThat(read("[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000\", \"\\ud83d\\ude00\", \"♥\"]"))
                .isEqualTo(new JsonArrayForm.Strings(List.of("\" \\ / \b \f \n \r \t \u0000", "😀", "♥")));
    }

    @Test
    void loneSurrogateEscapeBecomesReplacementCharacter() {
        assertThat(read("[\"a\\ud800b\"]")).isEqualTo(new JsonArrayForm.Strings(List.of("a\uFFFDb")));
    }

    @Test
    void invalidJsonIsNotJson() {
        for (String text : List.of("['a']", "[\"a\"", "[\"a\",]", "[\"a\"] x", "[\"a\tb\"]", "[\"\\x\"]", "[01]", "[1.]",
                "{\"a\":1}", "[\"a\"]]")) {
            assertThat(read(text)).as(text).isEqualTo(new JsonArrayForm.NotJson());
        }
    }

    @Test
    void validArrayWithOtherValuesIsNotOnlyStrings() {
        for (String text : List.of("[1]", "[\"a\", -1.5e3]", "[true]", "[null]", "[{\"a\": [1]}]", "[[]]")) {
            assertThat(read(text)).as(text).isEqualTo(new JsonArrayForm.NotOnlyStrings());
        }
    }

    @Test
    void numberOutOfRangeFallsBackToShellFormLikeGo() {
        assertThat(read("[1e999]")).isEqualTo(new JsonArrayForm.NotJson());
    }

    @Test
    void deepNestingBeyondGoLimitIsNotJson() {
        assertThat(read("[".repeat(20000) + "]".repeat(20000))).isEqualTo(new JsonArrayForm.NotJson());
    }

    @Test
    void allowsSurroundingWhitespace() {
        assertThat(read(" \t[ \"a\" ,\n\"b\" ] \r\n")).isEqualTo(new JsonArrayForm.Strings(List.of("a", "b")));
    }
}
