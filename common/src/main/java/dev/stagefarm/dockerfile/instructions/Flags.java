package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.failure.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BuildKit's instruction flags ({@code BFlags}): each instruction declares the flags it knows,
 * then the raw flag words are checked against them. Unknown, duplicate and value-less flags
 * are errors with BuildKit's messages. One instance per instruction. Not thread-safe.
 */
final class Flags {
    private enum Kind { STRING, BOOL, STRINGS }

    private static final class Flag {
        final Kind kind;
        String value;
        final List<String> values = new ArrayList<>();
        boolean used;

        Flag(Kind kind, String value) {
            this.kind = kind;
            this.value = value;
        }
    }

    private final List<String> words;
    private final Source source;
    private final Map<String, Flag> flags = new LinkedHashMap<>();

    Flags(List<String> words, Source source) {
        this.words = words;
        this.source = source;
    }

    Flags string(String name, String defaultValue) {
        flags.put(name, new Flag(Kind.STRING, defaultValue));
        return this;
    }

    Flags bool(String name) {
        flags.put(name, new Flag(Kind.BOOL, "false"));
        return this;
    }

    Flags strings(String name) {
        flags.put(name, new Flag(Kind.STRINGS, null));
        return this;
    }

    /** Checks the flag words; throws the first error as an instruction error. */
    Flags parse() {
        for (String word : words) {
            if (!word.startsWith("--")) {
                throw source.error("arg should start with -- : " + word);
            }
            if (word.equals("--")) {
                return this;
            }
            String body = word.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? "" : body.substring(eq + 1);
            boolean hasValue = eq >= 0;
            Flag flag = flags.get(name);
            if (flag == null) {
                throw source.error("unknown flag: " + name + Suggestion.didYouMean(name, flags.keySet()));
            }
            if (flag.used && flag.kind != Kind.STRINGS) {
                throw source.error("duplicate flag specified: " + name);
            }
            flag.used = true;
            switch (flag.kind) {
                case BOOL -> {
                    if (hasValue && value.isEmpty()) {
                        throw source.error("missing a value on flag: " + name);
                    }
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "true", "" -> flag.value = "true";
                        case "false" -> flag.value = "false";
                        default -> throw source.error("expecting boolean value for flag " + name + ", not: " + value);
                    }
                }
                case STRING -> {
                    if (!hasValue) {
                        throw source.error("missing a value on flag: " + name);
                    }
                    flag.value = value;
                }
                case STRINGS -> {
                    if (!hasValue) {
                        throw source.error("missing a value on flag: " + name);
                    }
                    flag.values.add(value);
                }
            }
        }
        return this;
    }

    /** The value of a string flag (its default when not given). */
    String value(String name) {
        return flags.get(name).value;
    }

    /** The value of a boolean flag. */
    boolean isTrue(String name) {
        return "true".equals(flags.get(name).value);
    }

    /** For a boolean flag that distinguishes "not given": null, true or false. */
    Boolean optionalBool(String name) {
        Flag flag = flags.get(name);
        return flag.used ? "true".equals(flag.value) : null;
    }

    /** Every value of a repeatable flag, in order. */
    List<String> values(String name) {
        return List.copyOf(flags.get(name).values);
    }

    /** A string flag's value or null when it was not given (or given empty). */
    String valueOrNull(String name) {
        String v = flags.get(name).value;
        return v == null || v.isEmpty() ? null : v;
    }
}
