package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small expander for these tests: substitutes {@code $NAME} and {@code ${NAME}} from a map
 * (unset → empty) and nothing else. The real BuildKit lexer lives behind {@link WordExpander}
 * elsewhere; these tests only check which words the instructions hand to it.
 */
record MapExpander(Map<String, String> vars) implements WordExpander {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    @Override
    public String word(String word) {
        Matcher m = VARIABLE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(vars.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(out).toString();
    }

    @Override
    public List<String> words(String text) {
        return Arrays.stream(word(text).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
