/**
 * Content digests. Everything the farm stores is addressed or checked by a SHA-256
 * {@link dev.stagefarm.digest.Digest}: contexts by their tar digest, artifacts by the digests in
 * their manifest. The streams here compute a digest while bytes flow (never buffering them), and
 * {@link dev.stagefarm.digest.VerifyingInputStream} turns a mismatch or a short read into an
 * {@code ARTIFACT_CORRUPT} failure at the moment the reader reaches the end.
 */
package dev.stagefarm.digest;
