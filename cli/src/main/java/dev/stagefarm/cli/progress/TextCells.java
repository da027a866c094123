package dev.stagefarm.cli.progress;

/**
 * Fitting text into terminal columns: control characters (a build's own colours and cursor moves)
 * are removed so they cannot break the frame, and lines are cut to the width with an ellipsis.
 * Counts one column per character (no wide-character handling).
 */
final class TextCells {
    private TextCells() {
    }

    /** {@code text} without ANSI escape sequences and other control characters (tabs become spaces). */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String noEscapes = text.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001B[@-_]", "");
        StringBuilder out = new StringBuilder(noEscapes.length());
        for (int i = 0; i < noEscapes.length(); i++) {
            char c = noEscapes.charAt(i);
            if (c == '\t') {
                out.append(' ');
            } else if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code text} cut to {@code width} columns, the last one an ellipsis when cut. */
    static String fit(String text, int width) {
        if (width <= 0) {
            return "";
        }
        if (text.length() <= width) {
            return text;
        }
        return text.substring(0, width - 1) + "…";
    }

    /** {@code left} and {@code right} on one line of {@code width}, {@code right} against the edge. */
    static String spread(String left, String right, int width) {
        if (right.isEmpty()) {
            return fit(left, width);
        }
        int room = width - right.length() - 1;
        if (room < 8) {
            return fit(left, width);
        }
        String shown = fit(left, room);
        return shown + " ".repeat(width - shown.length() - right.length()) + right;
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** A progress bar redraws its line with CR: only the last drawing is worth showing. */
    static String lastDrawing(String line) {
        String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        int cr = trimmed.lastIndexOf('\r');
        return cr < 0 ? trimmed : trimmed.substring(cr + 1);
    }
}
