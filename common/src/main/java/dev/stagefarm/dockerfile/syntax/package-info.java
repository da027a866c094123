/**
 * The raw syntax tree of a Dockerfile, read exactly as BuildKit's parser reads it.
 *
 * <p>{@link dev.stagefarm.dockerfile.syntax.DockerfileParser} turns a Dockerfile into a
 * {@link dev.stagefarm.dockerfile.syntax.RawDockerfile}: parser directives, warnings and one
 * {@link dev.stagefarm.dockerfile.syntax.RawInstruction} per instruction with BuildKit's
 * per-keyword arguments, flags, JSON form, heredocs and line ranges, nothing expanded.
 * {@link dev.stagefarm.dockerfile.syntax.AstDump} renders BuildKit's AST dump (what its parser
 * tests compare) and {@link dev.stagefarm.dockerfile.syntax.RawDockerfileJson} the JSON of
 * {@code stagefarm parse}. Internally the parser works on the file's bytes so that it agrees
 * with BuildKit even on invalid UTF-8.
 */
package dev.stagefarm.dockerfile.syntax;
