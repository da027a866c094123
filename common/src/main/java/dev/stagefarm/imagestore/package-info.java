/**
 * Images in object storage the way a registry keeps them: each layer tar once, as a
 * content-addressed blob ({@code blobs/sha256/<diffID>}) shared by every image holding it, the
 * config as a blob too, and per stage a small {@link dev.stagefarm.imagestore.ImageRecord} under
 * the stage's cache key, written last. {@link dev.stagefarm.imagestore.ImageUpload} takes a
 * {@code docker save} stream apart into that layout; {@link dev.stagefarm.imagestore.ImageArchive}
 * puts a {@code docker load} archive back together from it. Layers are streamed, never held in
 * memory, and every blob is checked against its digest on the way in and on the way out.
 */
package dev.stagefarm.imagestore;
