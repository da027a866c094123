package dev.stagefarm.dockerfile.shell;

/**
 * Go's {@code Regexp.Expand} template rules for {@code ${V//p/r}} replacements, with the only
 * group BuildKit's patterns have: {@code $0} / {@code ${0}} is the match, {@code $$} a dollar,
 * any other reference is empty, and a {@code $} that starts no reference stays literal.
 */
final class GoTemplate {
    private GoTemplate() {
    }

    static String expand(String template, String match) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            int nameStart;
            int nameEnd;
            int after;
            if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
                nameStart = i + 2;
                nameEnd = nameStart;
                while (nameEnd < template.length() && isNameChar(template.charAt(nameEnd))) {
                    nameEnd++;
                }
                if (nameEnd == nameStart || nameEnd >= template.length() || template.charAt(nameEnd) != '}') {
                    out.append('$');
                    i++;
                    continue;
                }
                after = nameEnd + 1;
            } else {
                nameStart = i + 1;
                nameEnd = nameStart;
                while (nameEnd < template.length() && isNameChar(template.charAt(nameEnd))) {
                    nameEnd++;
                }
                if (nameEnd == nameStart) {
                    out.append('$');
                    i++;
                    continue;
                }
                after = nameEnd;
            }
            String name = template.substring(nameStart, nameEnd);
            if (name.chars().allMatch(Character::isDigit) && Integer.parseInt(name.length() > 9 ? "1" : name) == 0) {
                out.append(match);
            }
            i = after;
        }
        return out.toString();
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c < 0x80 && Character.isLetterOrDigit(c));
    }
}
