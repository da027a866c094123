package dev.stagefarm.dockerfile.syntax;

import dev.stagefarm.dockerfile.shell.ShellLex;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the heredocs a RUN, COPY or ADD line opens: the line is split into shell words (quotes
 * and escapes kept) and every word of the form {@code [digits]<<[-][blanks]WORD} starts one,
 * as in BuildKit. Stateless.
 */
final class HeredocWords {
    // Go: ^(\d*)<<(-?)\s*([^<]*)$ with \s = [\t\n\f\r ] and $ = end of text
    private static final Pattern HEREDOC = Pattern.compile("^([0-9]*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)\\z");

    private HeredocWords() {
    }

    /** A heredoc opener: terminator name and options, content still to be read. */
    record Opener(String name, int fileDescriptor, boolean expand, boolean chomp) {
    }

    /**
     * The heredocs opened by {@code unicodeLine}, in order. A line the shell lexer cannot split
     * (an unterminated quote, for example) opens none, as in BuildKit.
     *
     * @throws IllegalArgumentException when a heredoc word cannot be lexed
     */
    static List<Opener> openers(String unicodeLine) {
        if (!mayOpenHeredoc(unicodeLine)) {
            return List.of();
        }
        List<String> words;
        try {
            words = ShellLex.heredocWords(unicodeLine, true, true);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<Opener> openers = new ArrayList<>();
        for (String word : words) {
            Opener opener = parse(word);
            if (opener != null) {
                openers.add(opener);
            }
        }
        return openers;
    }

    /**
     * False when the line has fewer than two {@code <}: every char of a lexed word comes from the
     * line (the lexer only ever adds {@code $ { } / :} of its own), so no word can hold {@code <<}
     * and lexing, the costly part, can be skipped.
     */
    private static boolean mayOpenHeredoc(String line) {
        int first = line.indexOf('<');
        return first >= 0 && line.indexOf('<', first + 1) >= 0;
    }

    /** BuildKit's {@code ParseHeredoc}: the opener a word stands for, or null. */
    static Opener parse(String word) {
        if (!word.contains("<<")) {
            return null;
        }
        Matcher m = HEREDOC.matcher(word);
        if (!m.matches()) {
            return null;
        }
        int fd = fileDescriptor(m.group(1));
        boolean chomp = m.group(2).equals("-");
        String rest = m.group(3);
        if (rest.isEmpty()) {
            return null;
        }
        List<String> words = ShellLex.heredocWords(rest, false, false);
        if (words.size() != 1) {
            return null;
        }
        List<String> raw = ShellLex.heredocWords(rest, true, false);
        if (raw.size() != words.size()) {
            throw new IllegalArgumentException("internal lexing of heredoc produced inconsistent results: " + rest);
        }
        boolean expand = quotes(words.get(0)) == quotes(raw.get(0));
        return new Opener(words.get(0), fd, expand, chomp);
    }

    private static int fileDescriptor(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static long quotes(String s) {
        return s.chars().filter(c -> c == '\'' || c == '"').count();
    }
}
