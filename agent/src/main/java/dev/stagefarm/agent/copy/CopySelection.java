package dev.stagefarm.agent.copy;

import dev.stagefarm.agent.exec.PathKind;
import dev.stagefarm.agent.translation.ConfigRules;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decides which files a COPY/ADD sends and under which names, with Docker's rules: a folder
 * source copies its content; a file goes into {@code dest} when {@code dest} ends with
 * {@code /}, already is a folder, or several sources are copied, else it becomes {@code dest};
 * wildcards must match something; {@code --parents} keeps the source's path below the root;
 * {@code --exclude} drops paths that match relative to the copied folder (a copied file by its
 * name), as BuildKit does. Reads only metadata of the host files; the bytes are
 * streamed later by {@link ArchiveWriter}.
 */
public final class CopySelection {

    private CopySelection() {
    }

    /**
     * One source path as written, under the folder it is looked up in.
     *
     * @param root the build context, a folder holding an upstream stage's exported files, or a download folder
     * @param keepOwners true for upstream artifacts (owners kept), false for the context (root owns)
     * @param unpack true when a tar archive among the matches is unpacked into the destination (ADD)
     */
    public record Source(Path root, String path, boolean keepOwners, boolean unpack) {

        /** A source copied as it is. */
        public Source(Path root, String path, boolean keepOwners) {
            this(root, path, keepOwners, false);
        }
    }

    /** What one COPY asks for, already resolved against WORKDIR. */
    public record Request(List<Source> sources, List<InlineFile> inline, String destination, PathKind destinationKind,
            boolean parents, boolean link, List<String> excludes, Owner owner, Integer chmod, int line) {
        public Request {
            sources = List.copyOf(sources);
            inline = List.copyOf(inline);
            excludes = List.copyOf(excludes);
        }
    }

    /** A file whose bytes come from the Dockerfile (a heredoc). */
    public record InlineFile(String name, byte[] content) {
    }

    /** What {@code source} names under {@code root}, as paths relative to it; empty when nothing. */
    public static List<String> matches(Path root, String source) {
        try {
            return SourceMatcher.match(root, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the destination's kind in the image (folder, file, missing) can change the entries
     * of a copy to {@code destination} (already resolved against WORKDIR): it cannot for {@code /},
     * which is always a folder, nor for a folder destination (trailing {@code /}) with
     * {@code --link}, which writes every folder of the path whatever exists. Asking the daemon
     * costs a mount of the container's file system, as much as the copy itself on a small one.
     */
    public static boolean destinationKindMatters(String destination, boolean link) {
        if (clean(destination).isEmpty()) {
            return false;
        }
        return !(link && destination.endsWith("/"));
    }

    /** The entries of the tar stream, parents before children. */
    public static List<CopyEntry> entries(Request request) {
        int count = request.sources().size() + request.inline().size();
        String dest = request.destination();
        boolean slash = dest.endsWith("/");
        if (count > 1 && !slash && request.destinationKind() != PathKind.DIRECTORY) {
            throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, "Dockerfile:" + request.line(),
                    request.line(), "When using COPY with more than one source file, the destination must be a "
                            + "directory and end with a /");
        }
        String destDir = "/" + clean(dest);
        List<CopyEntry> entries = new ArrayList<>();
        try {
            List<Match> matches = new ArrayList<>();
            for (Source source : request.sources()) {
                List<String> found = SourceMatcher.match(source.root(), source.path());
                if (found.isEmpty()) {
                    throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, source.path(), request.line(),
                            "failed to compute cache key: \"/" + clean(source.path()) + "\": not found");
                }
                found.forEach(f -> matches.add(new Match(source, f)));
            }
            boolean intoDir = slash || request.destinationKind() == PathKind.DIRECTORY || matches.size() + request.inline().size() > 1;
            // With --link BuildKit copies onto an empty file system and lays the result over the
            // image: every folder of the destination path is one the copy creates, so a symlink
            // on that path is replaced by a folder instead of followed, and existing folders take
            // the created folder's mode and owner.
            boolean destMissing = request.destinationKind() == PathKind.MISSING || request.link();
            if (request.link()) {
                Owner owner = request.owner() == null ? Owner.ROOT : request.owner();
                for (String folder : ancestors(destDir)) {
                    entries.add(new CopyEntry(relative(folder), CopyEntry.Type.DIRECTORY, null, null, null, 0755,
                            owner.uid(), owner.gid(), 0));
                }
            }
            boolean copiesFolder = matches.stream().anyMatch(m -> Files.isDirectory(m.host()) || m.unpacks());
            if (destMissing && (intoDir || copiesFolder) && !destDir.equals("/")) {
                // A destination folder the copy creates is 0755 and belongs to the --chown owner, not
                // to the source folder's mode or owner (the classic builder's result, checked by the
                // differential test).
                Owner owner = request.owner() == null ? Owner.ROOT : request.owner();
                entries.add(new CopyEntry(relative(destDir), CopyEntry.Type.DIRECTORY, null, null, null,
                        request.chmod() == null ? 0755 : request.chmod(), owner.uid(), owner.gid(), 0));
            }
            for (Match match : matches) {
                String rel = match.relative();
                Path root = match.source().root();
                boolean keepOwners = match.source().keepOwners();
                Path host = match.host();
                Path real = host.toRealPath();
                if (!real.startsWith(root.toRealPath())) {
                    throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, match.source().path(),
                            request.line(), "source " + match.source().path() + " leaves the build context");
                }
                if (match.unpacks()) {
                    // Docker unpacks into the destination as a folder, with or without a trailing slash.
                    Owner owner = request.owner();
                    entries.add(new CopyEntry(relative(destDir), CopyEntry.Type.ARCHIVE, real, null, null,
                            request.chmod() == null ? CopyEntry.KEEP : request.chmod(),
                            owner == null ? CopyEntry.KEEP : owner.uid(), owner == null ? CopyEntry.KEEP : owner.gid(), 0));
                } else if (Files.isDirectory(real)) {
                    String target = request.parents() && !rel.isEmpty() ? join(destDir, rel) : destDir;
                    if (!target.equals(destDir)) {
                        entries.add(entry(real, target, request, keepOwners));
                    }
                    walk(real, target, "", request, keepOwners, entries);
                } else {
                    String name = host.getFileName() == null ? rel : host.getFileName().toString();
                    String target = intoDir ? join(destDir, request.parents() ? rel : name) : destDir;
                    if (!excluded(name, request.excludes())) {
                        entries.add(entry(real, target, request, keepOwners));
                    }
                }
            }
            for (InlineFile file : request.inline()) {
                String target = intoDir ? join(destDir, file.name()) : destDir;
                Owner owner = request.owner() == null ? Owner.ROOT : request.owner();
                entries.add(new CopyEntry(relative(target), CopyEntry.Type.FILE, null, file.content(), null,
                        request.chmod() == null ? 0644 : request.chmod(), owner.uid(), owner.gid(), 0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private record Match(Source source, String relative) {

        Path host() {
            return relative.isEmpty() ? source.root() : source.root().resolve(relative);
        }

        /** A local tar archive that ADD unpacks; recognised by content, as Docker does. */
        boolean unpacks() {
            return source.unpack() && LocalArchive.isArchive(host());
        }
    }

    private static void walk(Path dir, String target, String rel, Request request, boolean keepOwners,
            List<CopyEntry> out) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String childRel = rel.isEmpty() ? child.getFileName().toString() : rel + "/" + child.getFileName();
            if (excluded(childRel, request.excludes())) {
                continue;
            }
            String childTarget = join(target, child.getFileName().toString());
            if (Files.isSymbolicLink(child) || Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                out.add(entry(child, childTarget, request, keepOwners));
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                out.add(entry(child, childTarget, request, keepOwners));
                walk(child, childTarget, childRel, request, keepOwners, out);
            }
        }
    }

    private static CopyEntry entry(Path host, String target, Request request, boolean keepOwners) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(host, "unix:mode,uid,gid,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        int mode = ((Integer) attrs.get("mode")) & 07777;
        long mtime = ((java.nio.file.attribute.FileTime) attrs.get("lastModifiedTime")).toMillis() / 1000;
        Owner owner = request.owner() != null ? request.owner()
                : keepOwners ? new Owner((Integer) attrs.get("uid"), (Integer) attrs.get("gid")) : Owner.ROOT;
        CopyEntry.Type type;
        String link = null;
        if (Files.isSymbolicLink(host)) {
            type = CopyEntry.Type.SYMLINK;
            link = Files.readSymbolicLink(host).toString();
            mode = 0777;
        } else {
            type = Files.isDirectory(host) ? CopyEntry.Type.DIRECTORY : CopyEntry.Type.FILE;
        }
        if (request.chmod() != null && type != CopyEntry.Type.SYMLINK) {
            mode = request.chmod();
        }
        return new CopyEntry(relative(target), type, type == CopyEntry.Type.FILE ? host : null, null, link, mode,
                owner.uid(), owner.gid(), mtime);
    }

    /** The folders above {@code path}, from the top down, without {@code /}. */
    private static List<String> ancestors(String path) {
        List<String> folders = new ArrayList<>();
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            folders.add(path.substring(0, slash));
        }
        return folders;
    }

    private static boolean excluded(String rel, List<String> excludes) {
        for (String pattern : excludes) {
            if (ExcludePattern.matches(pattern, rel)) {
                return true;
            }
        }
        return false;
    }

    private static String join(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    private static String relative(String absolute) {
        return absolute.startsWith("/") ? absolute.substring(1) : absolute;
    }

    /** Cleans a path lexically (no {@code .}, {@code ..} above the root, doubled or trailing slashes), without the leading slash. */
    static String clean(String path) {
        return ConfigRules.cleanPath("/" + path).substring(1);
    }
}
