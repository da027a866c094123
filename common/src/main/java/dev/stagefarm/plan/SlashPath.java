package dev.stagefarm.plan;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path.Join("/", p)}: the cleaned absolute form of a slash-separated path. */
final class SlashPath {
    private SlashPath() {
    }

    static String absolute(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
