package dev.stagefarm.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoQuoteTest {

    @Test
    void escapesQuotesBackslashesAndNamedControls() {
        assertThat(GoQuote.quote("\" \\ / \b \f \n \r \t \u000b \u0007"))
                .isEqualTo("\"\\\" \\\\ / \\b \\f \\n \\r \\t \\v \\a\"");
    }

    @Test
    void writesOtherControlsAsHexBytes() {
        assertThat(GoQuote.quote("\u0000\u001f\u007f")).isEqualTo("\"\\x00\\x1f\\x7f\"");
    }

    @Test
    void keepsPrintableUnicodeAndEscapesTheRest() {
        assertThat(GoQuote.quote("♥ é € ☃")).isEqualTo("\"♥ é € ☃\"");
        assertThat(GoQuote.quote("\u00a0\u0085\u2028")).isEqualTo("\"\\u00a0\\u0085\\u2028\"");
        assertThat(GoQuote.quote("\uDB80\uDC00")).isEqualTo("\"\\U000f0000\"");
    }

    @Test
    void writesInvalidInputBytesAsHex() {
        assertThat(GoQuote.quote(ByteText.toUnicode("a\u00ffb"))).isEqualTo("\"a\\xffb\"");
    }
}
