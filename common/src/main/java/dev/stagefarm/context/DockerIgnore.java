package dev.stagefarm.context;

import dev.stagefarm.archive.SlashPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The rules of a {@code .dockerignore} file, with exactly Docker's semantics: the file is read as
 * moby's {@code ignorefile.ReadAll} reads it (comments, a UTF-8 BOM, trimming, {@code path.Clean},
 * a leading {@code /} dropped, {@code !} exceptions) and paths are matched as moby's
 * {@code patternmatcher} matches them (last matching pattern wins, a pattern that matches a parent
 * directory matches everything below it, {@code **}, {@code *}, {@code ?}, classes and escapes).
 *
 * <p>Paths are slash-separated and relative to the context root. Immutable and thread-safe.
 */
public final class DockerIgnore {
    /** The ignore file at the context root. */
    public static final String FILE_NAME = ".dockerignore";
    /** No rules: everything is sent. */
    public static final DockerIgnore NONE = new DockerIgnore(List.of(), List.of());

    private final List<String> patterns;
    private final List<IgnorePattern> compiled;

    private DockerIgnore(List<String> patterns, List<IgnorePattern> compiled) {
        this.patterns = List.copyOf(patterns);
        this.compiled = List.copyOf(compiled);
    }

    /** Rules from pattern strings as {@code ReadAll} returns them (moby's {@code patternmatcher.New}). */
    public static DockerIgnore of(List<String> patterns) {
        return of(patterns, FILE_NAME);
    }

    private static DockerIgnore of(List<String> patterns, String source) {
        List<String> kept = new ArrayList<>();
        List<IgnorePattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            if (goTrimSpace(p).isEmpty()) {
                continue;
            }
            compiled.add(IgnorePattern.compile(p, source));
            kept.add(p);
        }
        return new DockerIgnore(kept, compiled);
    }

    /** Parses the text of an ignore file; errors name {@code sourceName:line}. */
    public static DockerIgnore parse(String content, String sourceName) {
        List<String> kept = new ArrayList<>();
        List<IgnorePattern> compiled = new ArrayList<>();
        // Go's line scanner: split on '\n' only, then drop one trailing '\r'.
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String pattern = readPattern(line, i == 0);
            if (pattern == null) {
                continue;
            }
            compiled.add(IgnorePattern.compile(pattern, sourceName + ":" + (i + 1)));
            kept.add(pattern);
        }
        return new DockerIgnore(kept, compiled);
    }

    /** Parses an ignore file from a stream (ignore files are small: read whole). */
    public static DockerIgnore parse(InputStream content, String sourceName) throws IOException {
        return parse(new String(content.readAllBytes(), StandardCharsets.UTF_8), sourceName);
    }

    /**
     * moby's {@code ignorefile.ReadAll} for one line: the pattern it yields, or null for a comment
     * or blank line. Note the order: a comment is only a line starting with {@code #} before trimming.
     */
    static String readPattern(String line, boolean firstLine) {
        if (firstLine && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.startsWith("#")) {
            return null;
        }
        String pattern = goTrimSpace(line);
        if (pattern.isEmpty()) {
            return null;
        }
        boolean invert = pattern.charAt(0) == '!';
        if (invert) {
            pattern = goTrimSpace(pattern.substring(1));
        }
        if (!pattern.isEmpty()) {
            pattern = SlashPath.clean(pattern);
            if (pattern.length() > 1 && pattern.charAt(0) == '/') {
                pattern = pattern.substring(1);
            }
        }
        return invert ? "!" + pattern : pattern;
    }

    /** Reads {@code .dockerignore} at the context root; {@link #NONE} when there is none. */
    public static DockerIgnore read(Path contextDir) throws IOException {
        return readFile(contextDir.resolve(FILE_NAME), FILE_NAME);
    }

    /**
     * The rules for building with {@code dockerfile} (relative to the context): as BuildKit does, an
     * ignore file named after the Dockerfile ({@code app.Dockerfile.dockerignore} beside
     * {@code app.Dockerfile}) takes precedence over the one at the context root.
     */
    public static DockerIgnore forDockerfile(Path contextDir, String dockerfile) throws IOException {
        if (dockerfile != null && !dockerfile.isEmpty()) {
            Path specific = contextDir.resolve(dockerfile + FILE_NAME);
            if (Files.isRegularFile(specific)) {
                return readFile(specific, dockerfile + FILE_NAME);
            }
        }
        return read(contextDir);
    }

    private static DockerIgnore readFile(Path file, String sourceName) throws IOException {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, sourceName);
        }
    }

    /** The patterns in order, as moby's {@code ReadAll} returns them ({@code !} kept). */
    public List<String> patterns() {
        return patterns;
    }

    /** True when some pattern is a {@code !} exception. */
    public boolean hasExceptions() {
        return compiled.stream().anyMatch(IgnorePattern::exclusion);
    }

    /**
     * Whether {@code path} is left out of the context, looking at the path and all its parents
     * (moby's {@code MatchesOrParentMatches}; the context root itself is never excluded).
     */
    public boolean excludes(String path) {
        String file = SlashPath.clean(path);
        if (file.equals(".")) {
            return false;
        }
        return match(file, IgnoreMatch.ROOT).excluded();
    }

    /**
     * Matches one path during a walk given its parent directory's result (moby's
     * {@code MatchesUsingParentResults}); pass {@link IgnoreMatch#ROOT} for a top-level path.
     */
    public IgnoreMatch match(String path, IgnoreMatch parent) {
        boolean matched = false;
        BitSet matchedPatterns = new BitSet(compiled.size());
        for (int i = 0; i < compiled.size(); i++) {
            IgnorePattern pattern = compiled.get(i);
            boolean match = parent.patternMatched(i);
            if (!match) {
                // An inclusion cannot change a path already excluded, nor an exception one that is not.
                if (pattern.exclusion() != matched) {
                    continue;
                }
                match = pattern.matches(path);
                if (!match && !parent.knowsParents()) {
                    match = matchesSomeParent(pattern, path);
                }
            }
            if (match) {
                matchedPatterns.set(i);
                matched = !pattern.exclusion();
            }
        }
        return new IgnoreMatch(matched, matchedPatterns);
    }

    private static boolean matchesSomeParent(IgnorePattern pattern, String path) {
        String parent = SlashPath.dir(path);
        if (parent.equals(".")) {
            return false;
        }
        int from = 0;
        while (true) {
            int slash = parent.indexOf('/', from);
            String prefix = slash < 0 ? parent : parent.substring(0, slash);
            if (pattern.matches(prefix)) {
                return true;
            }
            if (slash < 0) {
                return false;
            }
            from = slash + 1;
        }
    }

    /**
     * For an excluded directory: whether a walk must still enter it because an exception names a
     * path below it ({@code !dir/keep.txt}). This is Docker's literal prefix test: an exception with
     * a wildcard before the directory part ({@code !*}{@code /keep.txt}) does not open the directory.
     */
    public boolean mayReincludeBelow(String dir) {
        String dirSlash = dir + "/";
        for (IgnorePattern pattern : compiled) {
            if (pattern.exclusion() && (pattern.text() + "/").startsWith(dirSlash)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rules {@code docker build} applies when sending the context: the Dockerfile and the
     * ignore file are always sent (exceptions appended when they are excluded), because the
     * builder needs them; see {@link #hiddenBuildFiles} for what the build steps still must not see.
     */
    public DockerIgnore keepingBuildFiles(String dockerfile) {
        List<String> more = new ArrayList<>(patterns);
        if (excludes(FILE_NAME)) {
            more.add("!" + FILE_NAME);
        }
        if (dockerfile != null && !dockerfile.isEmpty() && excludes(dockerfile)) {
            // cleaned so that "./Dockerfile" yields an exception that matches "Dockerfile"
            more.add("!" + SlashPath.clean(dockerfile));
        }
        return more.size() == patterns.size() ? this : of(more);
    }

    /**
     * The build files that these rules exclude: sent only for the builder's own use, they are
     * removed from the context that COPY and ADD see (as Docker's daemon removes them).
     */
    public List<String> hiddenBuildFiles(String dockerfile) {
        List<String> hidden = new ArrayList<>();
        if (excludes(FILE_NAME)) {
            hidden.add(FILE_NAME);
        }
        if (dockerfile != null && !dockerfile.isEmpty()) {
            String clean = SlashPath.clean(dockerfile);
            if (!hidden.contains(clean) && excludes(clean)) {
                hidden.add(clean);
            }
        }
        return List.copyOf(hidden);
    }

    /** Go's {@code strings.TrimSpace}: Unicode white space at both ends. */
    static String goTrimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    @Override
    public String toString() {
        return "DockerIgnore" + patterns;
    }
}
