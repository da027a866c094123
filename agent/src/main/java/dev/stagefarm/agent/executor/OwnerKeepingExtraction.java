package dev.stagefarm.agent.executor;

import dev.stagefarm.archive.SafeTarExtractor;
import dev.stagefarm.archive.TarEntryReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Extracts a tar from a container or an upstream stage safely and gives every extracted path the
 * owner its tar header named: the safe extractor, by design, does not chown, while {@code COPY
 * --from} and image binds keep the source's owners. Owners are noted during the one pass of
 * extraction and set once it is complete. Leaves {@code in} open (a caller may still have to
 * read its end for a digest check). Stateless.
 */
final class OwnerKeepingExtraction {
    private OwnerKeepingExtraction() {
    }

    static void extract(InputStream in, Path target) throws IOException {
        Map<String, int[]> owners = new LinkedHashMap<>();
        new SafeTarExtractor(TarEntryReader.TarPolicy.CONTAINER_ARTIFACT).extract(keptOpen(in), target,
                h -> owners.put(h.name(), new int[] {(int) h.uid(), (int) h.gid()}));
        Path base = target.toAbsolutePath().normalize();
        for (Map.Entry<String, int[]> owner : owners.entrySet()) {
            Path path = base.resolve(owner.getKey()).normalize();
            if (path.startsWith(base)) {
                setOwner(path, owner.getValue()[0], owner.getValue()[1]);
            }
        }
    }

    /** One stat per path; a chown only for what differs (often nothing: root's files extracted by root). */
    private static void setOwner(Path path, int uid, int gid) throws IOException {
        Map<String, Object> now;
        try {
            now = Files.readAttributes(path, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return; // a skipped entry (a device), or one a later entry replaced
        }
        if ((Integer) now.get("uid") != uid) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        if ((Integer) now.get("gid") != gid) {
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** The extractor closes what it reads; the rest of the stream is the caller's. */
    private static InputStream keptOpen(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }
}
