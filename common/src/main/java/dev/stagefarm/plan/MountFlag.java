package dev.stagefarm.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The value of one {@code RUN --mount=} flag: comma-separated {@code key=value} fields, CSV
 * quoting allowed, as BuildKit reads it. Only what planning needs is exposed.
 *
 * @param fields lower-case key → value ({@code ""} for a bare key such as {@code ro})
 */
record MountFlag(Map<String, String> fields) {

    static MountFlag parse(String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : csvFields(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            fields.put(key, eq < 0 ? "" : field.substring(eq + 1));
        }
        return new MountFlag(Map.copyOf(fields));
    }

    private static List<String> csvFields(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** The {@code from=} stage name or image, or null. */
    String from() {
        String from = fields.get("from");
        return from == null || from.isEmpty() ? null : from;
    }

    /** The path inside the source ({@code source=} or {@code src=}), default {@code /}. */
    String source() {
        String source = fields.getOrDefault("source", fields.get("src"));
        return source == null || source.isEmpty() ? "/" : source;
    }

    /** The mount point ({@code target=}, {@code dst=} or {@code destination=}). */
    String target() {
        return fields.getOrDefault("target", fields.getOrDefault("dst", fields.getOrDefault("destination", "")));
    }
}
