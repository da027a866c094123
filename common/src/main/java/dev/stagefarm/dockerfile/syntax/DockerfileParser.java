package dev.stagefarm.dockerfile.syntax;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Dockerfile into its raw syntax tree exactly as BuildKit's parser does: parser
 * directives, line continuations, comments, per-keyword arguments, JSON form, flags and
 * heredocs. Nothing is variable-expanded.
 *
 * <p>The input is streamed line by line. Errors are {@link StagefarmException}s with code
 * {@link FailureCode#DOCKERFILE_SYNTAX}, subject {@code <file>:<line>} and BuildKit's message.
 * Stateless and thread-safe.
 */
public final class DockerfileParser {
    private static final String BOM = "\u00EF\u00BB\u00BF";

    private DockerfileParser() {
    }

    /** Parses Dockerfile text. */
    public static RawDockerfile parse(String fileName, String text) {
        return parse(fileName, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses the file at {@code path}, naming it {@code fileName} in messages. */
    public static RawDockerfile parse(String fileName, Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(fileName, in);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Parses a Dockerfile from a stream of bytes (UTF-8, as BuildKit expects). The stream is
     * read to its end but not closed.
     *
     * @throws UncheckedIOException when reading fails
     */
    public static RawDockerfile parse(String fileName, InputStream in) {
        return new Run(fileName, new PhysicalLines(in)).parse();
    }

    /** The state of one parse. */
    private static final class Run {
        private final String fileName;
        private final PhysicalLines lines;
        private final ParserDirectives directives = new ParserDirectives();
        private final List<String> warnings = new ArrayList<>();
        private final List<RawInstruction> instructions = new ArrayList<>();
        private int currentLine;

        Run(String fileName, PhysicalLines lines) {
            this.fileName = fileName;
            this.lines = lines;
        }

        RawDockerfile parse() {
            String raw;
            while ((raw = lines.next()) != null) {
                if (currentLine == 0 && raw.startsWith(BOM)) {
                    raw = raw.substring(BOM.length());
                }
                String token = processLine(raw, true);
                currentLine++;
                int startLine = currentLine;
                String first = trimContinuation(token);
                boolean endOfLine = first == null;
                if (endOfLine && token.isEmpty()) {
                    continue;
                }
                StringBuilder line = new StringBuilder(endOfLine ? token : first);
                boolean emptyContinuation = false;
                while (!endOfLine && (raw = lines.next()) != null) {
                    String next = processLine(raw, false);
                    currentLine++;
                    if (isComment(raw)) {
                        continue;
                    }
                    if (ByteText.trimLeftSpace(trimNewline(next)).isEmpty()) {
                        emptyContinuation = true;
                        continue;
                    }
                    String trimmed = trimContinuation(next);
                    endOfLine = trimmed == null;
                    line.append(endOfLine ? next : trimmed);
                }
                String logical = line.toString();
                if (emptyContinuation) {
                    warnings.add("Empty continuation line found in: " + ByteText.toUnicode(logical));
                }
                instructions.add(instruction(logical, startLine));
            }
            if (lines.tooLongLine() > 0) {
                throw error(lines.tooLongLine(), "dockerfile line greater than max allowed size of "
                        + (PhysicalLines.MAX_LINE - 1));
            }
            if (instructions.isEmpty()) {
                throw error(Math.max(1, currentLine), "file with no instructions");
            }
            Map<String, String> values = new LinkedHashMap<>();
            directives.values().forEach((k, v) -> values.put(k, ByteText.toUnicode(v)));
            return new RawDockerfile(fileName, directives.escape(), values, warnings, instructions);
        }

        private RawInstruction instruction(String logical, int startLine) {
            LineParser.ParsedLine parsed;
            try {
                parsed = LineParser.parse(logical, directives.escape());
            } catch (IllegalArgumentException e) {
                throw error(startLine, e.getMessage());
            }
            List<Heredoc> heredocs = List.of();
            if (canContainHeredoc(parsed)) {
                heredocs = readHeredocs(logical, startLine);
            }
            return toRaw(parsed, startLine, currentLine, heredocs);
        }

        private static RawInstruction toRaw(LineParser.ParsedLine p, int start, int end, List<Heredoc> heredocs) {
            RawInstruction child = p.child() == null ? null : toRaw(p.child(), start, end, List.of());
            return new RawInstruction(ByteText.toUnicode(p.keyword()), p.flags(), p.args(), p.json(), start, end,
                    heredocs, child, ByteText.toUnicode(p.original()));
        }

        private static boolean canContainHeredoc(LineParser.ParsedLine parsed) {
            LineParser.ParsedLine node = parsed;
            if (node.lowerKeyword().equals("onbuild") && node.child() != null) {
                node = node.child();
            }
            return Keywords.HEREDOC_CAPABLE.contains(node.lowerKeyword()) && !node.json();
        }

        private List<Heredoc> readHeredocs(String logical, int startLine) {
            List<HeredocWords.Opener> openers;
            try {
                openers = HeredocWords.openers(ByteText.toUnicodeReplacing(logical));
            } catch (IllegalArgumentException e) {
                throw error(startLine, e.getMessage());
            }
            List<Heredoc> heredocs = new ArrayList<>(openers.size());
            for (HeredocWords.Opener opener : openers) {
                String terminator = ByteText.fromUnicode(opener.name());
                StringBuilder content = new StringBuilder();
                boolean terminated = false;
                String raw;
                while ((raw = lines.next()) != null) {
                    currentLine++;
                    String candidate = trimNewline(raw);
                    if (opener.chomp()) {
                        candidate = candidate.replaceFirst("^\t+", "");
                    }
                    if (candidate.equals(terminator)) {
                        terminated = true;
                        break;
                    }
                    content.append(raw);
                }
                if (!terminated) {
                    throw error(startLine, "unterminated heredoc");
                }
                heredocs.add(new Heredoc(opener.name(), opener.fileDescriptor(), opener.expand(), opener.chomp(),
                        ByteText.toUnicode(content.toString())));
            }
            return heredocs;
        }

        /** BuildKit's processLine: newline off, directive check, comment removal. */
        private String processLine(String raw, boolean stripLeft) {
            String token = trimNewline(raw);
            if (stripLeft) {
                token = ByteText.trimLeftSpace(token);
            }
            try {
                directives.inspect(token);
            } catch (IllegalArgumentException e) {
                throw error(currentLine + 1, e.getMessage());
            }
            return token.startsWith("#") ? "" : token;
        }

        private static boolean isComment(String raw) {
            return ByteText.trimLeftSpace(trimNewline(raw)).startsWith("#");
        }

        private static String trimNewline(String raw) {
            int end = raw.length();
            while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
                end--;
            }
            return raw.substring(0, end);
        }

        /**
         * If {@code line} continues (ends with the escape character and optional blanks, that
         * character not itself escaped), returns it without them; otherwise null.
         */
        private String trimContinuation(String line) {
            char escape = directives.escape();
            int end = line.length();
            while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
                end--;
            }
            if (end == 0 || line.charAt(end - 1) != escape) {
                return null;
            }
            if (end >= 2 && line.charAt(end - 2) == escape) {
                return null;
            }
            return line.substring(0, end - 1);
        }

        private StagefarmException error(int line, String message) {
            return new StagefarmException(FailureCode.DOCKERFILE_SYNTAX, fileName + ":" + line, line, message);
        }
    }
}
