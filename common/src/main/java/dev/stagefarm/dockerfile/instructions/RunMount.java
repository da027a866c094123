package dev.stagefarm.dockerfile.instructions;

/**
 * One {@code RUN --mount}: type ({@code bind}, {@code cache}, {@code tmpfs}, {@code secret},
 * {@code ssh}), source stage or image ({@code from}), source path, target, read-only, cache or
 * secret id, cache sharing ({@code shared}, {@code private}, {@code locked}), whether a secret or
 * ssh mount is required, tmpfs size in bytes (0 when unset), the environment variable a secret is
 * exposed as, and file mode, uid and gid (null when unset). Strings not given are empty.
 */
public record RunMount(String type, String from, String source, String target, boolean readOnly, String id,
        String sharing, boolean required, long sizeLimit, String env, Long mode, Long uid, Long gid) {
}
