/**
 * Stage artifacts (the paths later stages take from a stage) in object storage. A small artifact
 * is one tar object; a large one is a sequence of fixed-size chunk objects, each stored with one
 * put of known length, because a multipart upload costs the storage service a second write of
 * every byte when it joins the parts. Either way a {@link dev.stagefarm.artifactstore.ArtifactManifest},
 * written last, names what makes up the artifact with digests and sizes, and its presence marks
 * the artifact complete. {@link dev.stagefarm.artifactstore.ArtifactUpload} stores a stream that
 * way with bounded memory; {@link dev.stagefarm.artifactstore.ArtifactDownload} gives it back as
 * one verified stream.
 */
package dev.stagefarm.artifactstore;
