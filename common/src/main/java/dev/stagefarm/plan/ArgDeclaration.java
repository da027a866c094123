package dev.stagefarm.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code NAME[=default]} word of an ARG instruction; the default keeps its quotes (they are
 * removed by expansion).
 *
 * @param name the variable name
 * @param defaultValue the raw default, or null when the word has no {@code =}
 */
record ArgDeclaration(String name, String defaultValue) {

    static List<ArgDeclaration> of(List<String> words) {
        List<ArgDeclaration> out = new ArrayList<>(words.size());
        for (String word : words) {
            int eq = word.indexOf('=');
            out.add(eq < 0 ? new ArgDeclaration(word, null)
                    : new ArgDeclaration(word.substring(0, eq), word.substring(eq + 1)));
        }
        return out;
    }
}
