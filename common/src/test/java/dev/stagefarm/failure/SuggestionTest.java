package dev.stagefarm.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionTest {

    @Test
    void buildKitHintNamesAnOptionWithinTwoEditsAndRespectsCase() {
        assertThat(Suggestion.didYouMean("--chmd", List.of("--chmod", "--chown"))).isEqualTo(" (did you mean --chmod?)");
        assertThat(Suggestion.didYouMean("--CHMOD", List.of("--chmod"))).isEmpty();
        assertThat(Suggestion.didYouMean("ab", List.of("xy"))).isEmpty();
    }

    @Test
    void closestStageIgnoresCaseAndAllowsAThirdOfTheName() {
        assertThat(Suggestion.closest("Buildr", List.of("builder", "runtime"))).isEqualTo("builder");
        assertThat(Suggestion.closest("production-image", List.of("product-img"))).isEqualTo("product-img");
        assertThat(Suggestion.closest("test", List.of("builder", "runtime"))).isNull();
    }

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestion.distance("", "abc")).isEqualTo(3);
    }
}
