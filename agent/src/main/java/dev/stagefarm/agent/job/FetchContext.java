package dev.stagefarm.agent.job;

import dev.stagefarm.archive.SafeTarExtractor;
import dev.stagefarm.archive.TarEntryReader.TarPolicy;
import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.VerifyingInputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore;
import dev.stagefarm.protocol.StageJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Step 1: downloads the context tar by its key, verifying its digest while streaming, and extracts
 * it safely (no path leaves the folder). A damaged download is {@code ARTIFACT_CORRUPT}, a missing
 * object {@code OBJECT_STORE}: both retriable, as the context was whole when the client stored it.
 */
final class FetchContext {

    private final ObjectStore store;

    FetchContext(ObjectStore store) {
        this.store = store;
    }

    /** Extracts the context into {@code target}; returns the number of bytes downloaded. */
    long fetch(StageJob job, Path target) throws IOException {
        String key = job.contextKey();
        Digest expected = Digest.parse(job.contextDigest());
        try (InputStream raw = store.get(key).orElseThrow(() -> new StagefarmException(FailureCode.OBJECT_STORE, key, 0,
                "the build context " + key + " is not in the object store"));
                CountingInputStream counted = new CountingInputStream(raw);
                VerifyingInputStream verified = new VerifyingInputStream(counted, expected, -1, key)) {
            try {
                // The extractor closes what it reads; the digest check below still needs the stream.
                new SafeTarExtractor(TarPolicy.CONTEXT).extract(new java.io.FilterInputStream(verified) {
                    @Override
                    public void close() {
                    }
                }, target);
                // The tar's end blocks may leave padding unread: the digest covers every byte.
                verified.transferTo(OutputStream.nullOutputStream());
            } catch (StagefarmException e) {
                if (e.code() != FailureCode.ARTIFACT_CORRUPT) {
                    // A tar that looks broken may only be cut short: the digest decides who is to blame.
                    try {
                        verified.transferTo(OutputStream.nullOutputStream());
                    } catch (StagefarmException corrupt) {
                        corrupt.addSuppressed(e);
                        throw corrupt;
                    }
                }
                throw e;
            }
            return counted.count();
        }
    }
}
