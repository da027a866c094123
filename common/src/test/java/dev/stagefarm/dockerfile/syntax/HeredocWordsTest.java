package dev.stagefarm.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeredocWordsTest {

    @Test
    void recognisesHeredocWordsWithQuotesDashesAndBlanks() {
        for (String word : List.of("<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF", "<<-'EOF'", "<<-\"EOF\"", "<<EO\"F\"",
                "<< EOF", "<<- EOF")) {
            assertThat(HeredocWords.parse(word).name()).as(word).isEqualTo("EOF");
        }
    }

    @Test
    void ignoresWordsThatAreNotHeredocs() {
        for (String word : List.of("", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<EOF sh")) {
            assertThat(HeredocWords.parse(word)).as(word).isNull();
        }
    }

    @Test
    void rejectsHeredocWordsWithUnbalancedQuotes() {
        for (String word : List.of("<<'EOF", "<<\"EOF", "<<EOF'", "<<EOF\"")) {
            assertThatThrownBy(() -> HeredocWords.parse(word)).as(word).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readsFileDescriptorChompAndExpand() {
        assertThat(HeredocWords.parse("3<<-'E'")).isEqualTo(new HeredocWords.Opener("E", 3, false, true));
        assertThat(HeredocWords.parse("<<eo\\'f")).isEqualTo(new HeredocWords.Opener("eo'f", 0, true, false));
        assertThat(HeredocWords.parse("<<'e'o\\'f")).isEqualTo(new HeredocWords.Opener("eo'f", 0, false, false));
        assertThat(HeredocWords.parse("<<$EOF").name()).isEqualTo("$EOF");
    }

    @Test
    void findsEveryHeredocOfALineOutsideQuotes() {
        assertThat(HeredocWords.openers("RUN <<EOF <<EOF2")).extracting(HeredocWords.Opener::name)
                .containsExactly("EOF", "EOF2");
        assertThat(HeredocWords.openers("RUN << -EOF")).extracting(HeredocWords.Opener::name).containsExactly("-EOF");
        assertThat(HeredocWords.openers("RUN 4<<EOF")).extracting(HeredocWords.Opener::fileDescriptor).containsExactly(4);
        assertThat(HeredocWords.openers("RUN '<<EOF'")).isEmpty();
        assertThat(HeredocWords.openers("RUN \"<<EOF\"")).isEmpty();
    }

    @Test
    void lineTheShellLexerCannotSplitOpensNoHeredoc() {
        assertThat(HeredocWords.openers("RUN <<EOF echo \"unterminated")).isEmpty();
    }
}
