package dev.stagefarm.dockerfile.syntax;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagefarm.failure.StagefarmException;

/**
 * The JSON form of a raw syntax tree, one object per file (the {@code stagefarm parse --format
 * json} contract), and of a file that failed to parse. Chars standing for invalid input bytes
 * are written as U+FFFD, as Go's JSON encoder does. Thread-safe.
 */
public final class RawDockerfileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RawDockerfileJson() {
    }

    /** {@code {"file", "escape", "directives", "warnings", "instructions"}} on one line. */
    public static String render(String file, RawDockerfile dockerfile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("file", file);
        root.put("escape", String.valueOf(dockerfile.escape()));
        ObjectNode directives = root.putObject("directives");
        directives.put("syntax", clean(dockerfile.directives().get("syntax")));
        directives.put("check", clean(dockerfile.directives().get("check")));
        ArrayNode warnings = root.putArray("warnings");
        dockerfile.warnings().forEach(w -> warnings.add(clean(w)));
        ArrayNode instructions = root.putArray("instructions");
        dockerfile.instructions().forEach(i -> instructions.add(instruction(i)));
        return write(root);
    }

    /** {@code {"file": …, "error": {"message": …, "line": N}}} on one line. */
    public static String renderError(String file, StagefarmException error) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("file", file);
        ObjectNode body = root.putObject("error");
        body.put("message", clean(error.getMessage()));
        body.put("line", error.line());
        return write(root);
    }

    private static ObjectNode instruction(RawInstruction i) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("keyword", clean(i.keyword()));
        ArrayNode flags = node.putArray("flags");
        i.flags().forEach(f -> flags.add(clean(f)));
        ArrayNode args = node.putArray("args");
        i.args().forEach(a -> args.add(clean(a)));
        node.put("json", i.json());
        node.put("startLine", i.startLine());
        node.put("endLine", i.endLine());
        ArrayNode heredocs = node.putArray("heredocs");
        for (Heredoc h : i.heredocs()) {
            ObjectNode doc = heredocs.addObject();
            doc.put("name", clean(h.name()));
            doc.put("fileDescriptor", h.fileDescriptor());
            doc.put("expand", h.expand());
            doc.put("chomp", h.chomp());
            doc.put("content", clean(h.content()));
        }
        if (i.onbuild() == null) {
            node.putNull("onbuild");
        } else {
            node.set("onbuild", instruction(i.onbuild()));
        }
        return node;
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean lone = Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1)))
                    && !(Character.isLowSurrogate(c) && k > 0 && Character.isHighSurrogate(s.charAt(k - 1)));
            if (lone && out == null) {
                out = new StringBuilder(s.substring(0, k));
            }
            if (out != null) {
                out.append(lone ? '\uFFFD' : c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
