/**
 * The build context as {@code docker build} sees it: {@link dev.stagefarm.context.DockerIgnore}
 * reproduces Docker's {@code .dockerignore} rules (moby's pattern matcher and ignore-file reader),
 * {@link dev.stagefarm.context.ContextWalker} lists what the client sends, in a deterministic order,
 * and {@link dev.stagefarm.context.ContextPacker} streams it as a reproducible tar while computing
 * the {@link dev.stagefarm.context.ContextManifest} (file digests, for cache keys) and the context
 * digest (for its content-addressed key). Nothing here holds file contents in memory.
 */
package dev.stagefarm.context;
