package dev.stagefarm.context;

import java.util.Optional;

/**
 * What one pass over a packed context tar yields: the manifest the packer computed when it made
 * the tar, and the text of the requested Dockerfile when the tar holds it. Immutable.
 *
 * @param manifest every entry with its content digest; {@code hiddenFromBuild} as the packer set it
 * @param dockerfile the Dockerfile's text, or empty when the tar has no such file
 */
public record ContextTarScan(ContextManifest manifest, Optional<String> dockerfile) {
}
