package dev.stagefarm.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one logical line into keyword, flags and arguments with BuildKit's per-keyword rules
 * (its {@code newNodeFromLine} and line parsers). Stateless.
 */
final class LineParser {
    private static final Pattern BLANKS = Pattern.compile("[\\t\\u000B\\f\\r ]+");
    /**
     * How deep ONBUILD may nest in one line. BuildKit has no limit here but rejects any nested
     * ONBUILD when it reads the instruction, so a limit only changes which error such a file
     * gets, and keeps the parser's memory and stack bounded.
     */
    static final int MAX_ONBUILD_NESTING = 64;

    private LineParser() {
    }

    /**
     * One parsed line: {@code keyword} and {@code original} are byte text, {@code flags} and
     * {@code args} final strings; {@code child} is the instruction nested in ONBUILD;
     * {@code lowerKeyword} the keyword as Go's {@code strings.ToLower} gives it.
     */
    record ParsedLine(String keyword, List<String> flags, List<String> args, boolean json, ParsedLine child,
            String original, String lowerKeyword) {
    }

    private record Args(List<String> values, boolean json, ParsedLine child) {
        static Args of(List<String> values) {
            return new Args(values, false, null);
        }
    }

    /** @throws IllegalArgumentException with BuildKit's message when the line is invalid */
    static ParsedLine parse(String line, char escape) {
        return parse(line, escape, 0);
    }

    private static ParsedLine parse(String line, char escape, int nesting) {
        if (nesting > MAX_ONBUILD_NESTING) {
            throw new IllegalArgumentException("ONBUILD nested more than " + MAX_ONBUILD_NESTING + " times");
        }
        CommandSplitter.Split split = CommandSplitter.split(line);
        String lowerKeyword = Keywords.lower(ByteText.toUnicode(split.keyword()));
        Args args = arguments(lowerKeyword, split.rest(), escape, nesting);
        return new ParsedLine(split.keyword(), split.flags(), args.values(), args.json(), args.child(), line,
                lowerKeyword);
    }

    private static Args arguments(String keyword, String rest, char escape, int nesting) {
        switch (keyword) {
            case "add", "copy", "volume":
                return maybeJsonToList(rest);
            case "run", "cmd", "entrypoint", "shell":
                return maybeJson(rest);
            case "from", "expose":
                return Args.of(whitespaceDelimited(rest));
            case "arg":
                return Args.of(unicode(Words.split(rest, escape)));
            case "env":
                return Args.of(nameValues(rest, "ENV", escape));
            case "label":
                return Args.of(nameValues(rest, "LABEL", escape));
            case "healthcheck":
                return healthcheck(rest);
            case "maintainer", "stopsignal", "user", "workdir":
                return Args.of(rest.isEmpty() ? List.of() : List.of(ByteText.toUnicode(rest)));
            case "onbuild":
                return rest.isEmpty() ? Args.of(List.of()) : new Args(List.of(), false, parse(rest, escape, nesting + 1));
            default:
                return Args.of(List.of(""));
        }
    }

    private static List<String> unicode(List<String> byteTexts) {
        List<String> out = new ArrayList<>(byteTexts.size());
        for (String s : byteTexts) {
            out.add(ByteText.toUnicode(s));
        }
        return out;
    }

    private static List<String> whitespaceDelimited(String rest) {
        if (rest.isEmpty()) {
            return List.of();
        }
        return unicode(splitOnBlanks(rest));
    }

    /**
     * {@code BLANKS.split(text, -1)} without the regex machinery: the text cut at every run of
     * {@link CommandSplitter#isTokenBlank} chars, empty pieces at either end kept.
     */
    private static List<String> splitOnBlanks(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int pos = 0;
        int len = text.length();
        while (pos < len) {
            if (!CommandSplitter.isTokenBlank(text.charAt(pos))) {
                pos++;
                continue;
            }
            out.add(text.substring(start, pos));
            while (pos < len && CommandSplitter.isTokenBlank(text.charAt(pos))) {
                pos++;
            }
            start = pos;
        }
        out.add(text.substring(start));
        return out;
    }

    private static Args maybeJson(String rest) {
        if (rest.isEmpty()) {
            return Args.of(List.of());
        }
        JsonArrayForm.Outcome outcome = JsonArrayForm.read(rest);
        if (outcome instanceof JsonArrayForm.Strings strings) {
            return new Args(strings.values(), true, null);
        }
        if (outcome instanceof JsonArrayForm.NotOnlyStrings) {
            throw notStringArray();
        }
        return Args.of(List.of(ByteText.toUnicode(rest)));
    }

    private static Args maybeJsonToList(String rest) {
        JsonArrayForm.Outcome outcome = JsonArrayForm.read(rest);
        if (outcome instanceof JsonArrayForm.Strings strings) {
            return new Args(strings.values(), true, null);
        }
        if (outcome instanceof JsonArrayForm.NotOnlyStrings) {
            throw notStringArray();
        }
        return Args.of(whitespaceDelimited(rest));
    }

    private static IllegalArgumentException notStringArray() {
        return new IllegalArgumentException("when using JSON array syntax, arrays must be comprised of strings only");
    }

    private static Args healthcheck(String rest) {
        // BuildKit looks at single bytes here, so 0x85 and 0xA0 count as blanks.
        int sep = 0;
        while (sep < rest.length() && !ByteText.isSpaceByte(rest.charAt(sep))) {
            sep++;
        }
        int next = sep;
        while (next < rest.length() && ByteText.isSpaceByte(rest.charAt(next))) {
            next++;
        }
        if (sep == 0) {
            return Args.of(List.of());
        }
        Args command = maybeJson(rest.substring(next));
        List<String> values = new ArrayList<>();
        values.add(ByteText.toUnicode(rest.substring(0, sep)));
        values.addAll(command.values());
        return new Args(values, command.json(), null);
    }

    /** ENV and LABEL: flat triples of key, value, separator. */
    private static List<String> nameValues(String rest, String key, char escape) {
        List<String> words = Words.split(rest, escape);
        if (words.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            String[] parts = BLANKS.split(rest, 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException(key + " must have two arguments");
            }
            out.add(ByteText.toUnicode(parts[0]));
            out.add(ByteText.toUnicode(parts[1]));
            out.add("");
            return out;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Syntax error - can't find = in "
                        + GoQuote.quote(ByteText.toUnicode(word)) + ". Must be of the form: name=value");
            }
            out.add(ByteText.toUnicode(word.substring(0, eq)));
            out.add(ByteText.toUnicode(word.substring(eq + 1)));
            out.add("=");
        }
        return out;
    }
}
