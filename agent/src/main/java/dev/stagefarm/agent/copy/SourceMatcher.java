package dev.stagefarm.agent.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds what one COPY/ADD source names under a root folder (the build context or an upstream
 * stage's artifacts): the path itself, or every match of a wildcard, sorted as Go's
 * {@code filepath.Glob} sorts them. Paths are cleaned first, so {@code ../} cannot leave the root.
 */
final class SourceMatcher {

    private SourceMatcher() {
    }

    /** Matches as paths relative to {@code root} ({@code ""} for the root itself); empty when nothing matches. */
    static List<String> match(Path root, String source) throws IOException {
        String clean = CopySelection.clean(source);
        List<String> candidates = new ArrayList<>();
        candidates.add("");
        if (clean.isEmpty()) {
            return candidates;
        }
        for (String segment : clean.split("/")) {
            List<String> next = new ArrayList<>();
            for (String base : candidates) {
                Path dir = base.isEmpty() ? root : root.resolve(base);
                if (GlobPattern.isPattern(segment)) {
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    GlobPattern pattern = GlobPattern.compile(segment);
                    try (Stream<Path> children = Files.list(dir)) {
                        children.map(p -> p.getFileName().toString()).filter(pattern::matches).sorted()
                                .forEach(name -> next.add(join(base, name)));
                    }
                } else {
                    String unescaped = segment.replace("\\", "");
                    Path child = dir.resolve(unescaped);
                    if (Files.exists(child, LinkOption.NOFOLLOW_LINKS)) {
                        next.add(join(base, unescaped));
                    }
                }
            }
            candidates = next;
        }
        return candidates;
    }

    private static String join(String base, String name) {
        return base.isEmpty() ? name : base + "/" + name;
    }
}
