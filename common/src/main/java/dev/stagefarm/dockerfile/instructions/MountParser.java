package dev.stagefarm.dockerfile.instructions;

import dev.stagefarm.dockerfile.shell.WordExpander;
import dev.stagefarm.failure.Suggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@code RUN --mount} value (CSV of {@code key=value} fields) like BuildKit's
 * {@code parseMount}.
 *
 * <p>Without an expander (when the instruction is first read) BuildKit only checks the field
 * shapes and {@code from}, which must not use variables; every other value waits for expansion.
 * With an expander each value is expanded and fully validated. Stateless.
 */
final class MountParser {
    private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final Set<String> SHARING = Set.of("shared", "private", "locked");
    private static final List<String> KEYS = List.of("type", "from", "source", "target", "readonly", "id",
            "sharing", "required", "size", "env", "mode", "uid", "gid", "src", "dst", "destination", "ro", "rw",
            "readwrite");
    private static final Pattern VARIABLE = Pattern.compile("\\$.");
    private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    private MountParser() {
    }

    /** Parses {@code value}; {@code expander} may be null (first reading, see class comment). */
    static RunMount parse(String value, WordExpander expander) {
        List<String> fields = csv(value);
        String type = "bind";
        String from = "";
        String source = "";
        String target = "";
        boolean readOnly = false;
        boolean roAuto = true;
        String id = "";
        String sharing = "";
        boolean required = false;
        long size = 0;
        String env = null;
        Long mode = null;
        Long uid = null;
        Long gid = null;
        for (String field : fields) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                switch (key) {
                    case "readonly", "ro" -> {
                        readOnly = true;
                        roAuto = false;
                        continue;
                    }
                    case "readwrite", "rw" -> {
                        readOnly = false;
                        roAuto = false;
                        continue;
                    }
                    case "required" -> {
                        // the type may still be unexpanded on the first reading
                        if (expander != null && !type.equals("secret") && !type.equals("ssh")) {
                            throw new IllegalArgumentException(
                                    "unexpected key '" + key + "' for mount type '" + type + "'");
                        }
                        required = true;
                        continue;
                    }
                    default -> throw new IllegalArgumentException(
                            "invalid field '" + field + "' must be a key=value pair");
                }
            }
            String v = field.substring(eq + 1);
            if (expander != null) {
                v = expander.word(v);
            } else if (key.equals("from")) {
                if (VARIABLE.matcher(v).find()) {
                    throw new IllegalArgumentException(
                            "'from' doesn't support variable expansion, define alias stage instead");
                }
            } else {
                continue;
            }
            switch (key) {
                case "type" -> {
                    if (!TYPES.contains(v.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException("unsupported mount type \"" + v + "\""
                                + Suggestion.didYouMean(v, TYPES));
                    }
                    type = v.toLowerCase(Locale.ROOT);
                }
                case "from" -> from = v;
                case "source", "src" -> source = v;
                case "target", "dst", "destination" -> target = v;
                case "readonly", "ro" -> {
                    readOnly = bool(key, v);
                    roAuto = false;
                }
                case "readwrite", "rw" -> {
                    readOnly = !bool(key, v);
                    roAuto = false;
                }
                case "required" -> {
                    if (!type.equals("secret") && !type.equals("ssh")) {
                        throw new IllegalArgumentException("unexpected key '" + key + "' for mount type '" + type + "'");
                    }
                    required = bool(key, v);
                }
                case "id" -> id = v;
                case "sharing" -> {
                    if (!SHARING.contains(v.toLowerCase(Locale.ROOT))) {
                        throw new IllegalArgumentException("unsupported sharing value \"" + v + "\"");
                    }
                    sharing = v.toLowerCase(Locale.ROOT);
                }
                case "size" -> {
                    if (!type.equals("tmpfs")) {
                        throw new IllegalArgumentException("unexpected key '" + key + "' for mount type '" + type + "'");
                    }
                    size = bytes(v);
                }
                case "env" -> env = v;
                case "mode" -> mode = unsigned(v, 8, "mode");
                case "uid" -> uid = unsigned(v, 10, "uid");
                case "gid" -> gid = unsigned(v, 10, "gid");
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "'"
                        + Suggestion.didYouMean(key, KEYS));
            }
        }
        boolean fileInfoAllowed = type.equals("secret") || type.equals("ssh") || type.equals("cache");
        if (mode != null && !fileInfoAllowed) {
            throw new IllegalArgumentException("mode not allowed for \"" + type + "\" type mounts");
        }
        if (uid != null && !fileInfoAllowed) {
            throw new IllegalArgumentException("uid not allowed for \"" + type + "\" type mounts");
        }
        if (gid != null && !fileInfoAllowed) {
            throw new IllegalArgumentException("gid not allowed for \"" + type + "\" type mounts");
        }
        if (roAuto) {
            readOnly = !(type.equals("cache") || type.equals("tmpfs"));
        }
        if (!sharing.isEmpty() && !type.equals("cache")) {
            throw new IllegalArgumentException("invalid cache sharing set for " + type + " mount");
        }
        if (type.equals("secret")) {
            if (!from.isEmpty()) {
                throw new IllegalArgumentException("secret mount should not have a from");
            }
            if (source.isEmpty() && target.isEmpty() && id.isEmpty() && env == null) {
                throw new IllegalArgumentException("invalid secret mount. one of source, target required");
            }
            if (!source.isEmpty() && !id.isEmpty()) {
                throw new IllegalArgumentException("both source and id can't be set");
            }
        }
        return new RunMount(type, from, source, target, readOnly, id, sharing, required, size, env, mode, uid, gid);
    }

    /** Go's strconv.ParseBool. */
    private static boolean bool(String key, String v) {
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException("invalid value for " + key + ": " + v);
        };
    }

    private static long unsigned(String v, int radix, String key) {
        try {
            long parsed = Long.parseLong(v, radix);
            if (parsed < 0 || parsed > 0xFFFFFFFFL || v.startsWith("+") || v.startsWith("-")) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value " + v + " for " + key);
        }
    }

    /** docker/go-units RAMInBytes: binary multiples of k, m, g, t, p. */
    private static long bytes(String v) {
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + v + "'");
        }
        double number;
        try {
            number = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + v + "'");
        }
        int power = m.group(2) == null ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        return (long) (number * Math.pow(1024, power));
    }

    /** Go's encoding/csv for one record (comma separated, double quotes). */
    private static List<String> csv(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("failed to parse csv mounts: EOF");
        }
        List<String> fields = new ArrayList<>();
        int pos = 0;
        while (true) {
            StringBuilder field = new StringBuilder();
            if (pos < value.length() && value.charAt(pos) == '"') {
                pos++;
                while (true) {
                    if (pos >= value.length()) {
                        throw new IllegalArgumentException(
                                "failed to parse csv mounts: extraneous or missing \" in quoted-field");
                    }
                    char c = value.charAt(pos++);
                    if (c == '"') {
                        if (pos < value.length() && value.charAt(pos) == '"') {
                            field.append('"');
                            pos++;
                            continue;
                        }
                        if (pos < value.length() && value.charAt(pos) != ',') {
                            throw new IllegalArgumentException(
                                    "failed to parse csv mounts: extraneous or missing \" in quoted-field");
                        }
                        break;
                    }
                    field.append(c);
                }
            } else {
                while (pos < value.length() && value.charAt(pos) != ',') {
                    char c = value.charAt(pos++);
                    if (c == '"') {
                        throw new IllegalArgumentException("failed to parse csv mounts: bare \" in non-quoted-field");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (pos >= value.length()) {
                return fields;
            }
            pos++; // comma
        }
    }
}
