package dev.stagefarm.objectstore;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.DigestingInputStream;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import dev.stagefarm.objectstore.ObjectStore.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One upload of a stream in parts of a fixed size. A stream that fits in the first part is stored
 * with a single put; a longer one becomes a multipart upload where the next part is read while up
 * to {@link #UPLOADS_IN_FLIGHT} earlier parts upload, so memory stays bounded at
 * {@code (UPLOADS_IN_FLIGHT + 1) * partSize}. When a digest (and size) is expected, it is checked
 * after the last byte was read and before the object is made visible: a mismatch, like any
 * failure, aborts the multipart upload, so nothing half-written or wrong is ever left under the
 * key. Single use; called from one thread.
 */
final class ChunkedUpload {
    static final int UPLOADS_IN_FLIGHT = 2;
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final ExecutorService partUploads;
    private final String bucket;
    private final String key;
    private final int partSize;
    private final UploadBuffers buffers;

    ChunkedUpload(S3Client s3, ExecutorService partUploads, String bucket, String key, int partSize) {
        this.s3 = s3;
        this.partUploads = partUploads;
        this.bucket = bucket;
        this.key = key;
        this.partSize = partSize;
        this.buffers = new UploadBuffers(UPLOADS_IN_FLIGHT + 1, partSize, key);
    }

    /**
     * @param length the expected size, or -1 when unknown
     * @param expected the expected digest, or null to store whatever comes
     */
    StoredObject upload(InputStream content, long length, Digest expected) throws IOException {
        DigestingInputStream in = new DigestingInputStream(content);
        byte[] first = buffers.take();
        int n = in.readNBytes(first, 0, first.length);
        if (n < first.length) {
            check(in, length, expected);
            try {
                String etag = s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) n),
                        body(first, n)).eTag();
                return new StoredObject(key, n, etag);
            } catch (SdkException e) {
                throw S3ObjectStore.storeFailure(key, "upload failed", e);
            }
        }
        return multipart(in, first, length, expected);
    }

    private StoredObject multipart(DigestingInputStream in, byte[] first, long length, Digest expected)
            throws IOException {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE)).uploadId();
        } catch (SdkException e) {
            throw S3ObjectStore.storeFailure(key, "cannot start multipart upload", e);
        }
        List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
        boolean completed = false;
        try {
            byte[] buffer = first;
            int n = first.length;
            while (n > 0) {
                if (length >= 0 && in.count() > length) {
                    throw mismatch("more than the expected " + length + " bytes");
                }
                parts.add(startPart(uploadId, parts.size() + 1, buffer, n));
                if (parts.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
                    break; // the failure is thrown below
                }
                buffer = buffers.take();
                n = in.readNBytes(buffer, 0, buffer.length);
            }
            List<CompletedPart> done = awaitAll(parts);
            check(in, length, expected);
            String etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done))).eTag();
            completed = true;
            return new StoredObject(key, in.count(), etag);
        } catch (SdkException e) {
            throw S3ObjectStore.storeFailure(key, "multipart upload failed", e);
        } finally {
            if (!completed) {
                // Let in-flight parts finish first: a part stored after the abort would linger.
                parts.forEach(p -> p.handle((r, e) -> null).join());
                abort(uploadId);
            }
        }
    }

    private CompletableFuture<CompletedPart> startPart(String uploadId, int number, byte[] buffer, int n) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) n), body(buffer, n)).eTag();
                return CompletedPart.builder().partNumber(number).eTag(etag).build();
            } finally {
                buffers.release(buffer);
            }
        }, partUploads);
    }

    private static List<CompletedPart> awaitAll(List<CompletableFuture<CompletedPart>> parts) {
        try {
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw sdk;
            }
            throw e;
        }
        return parts.stream().map(CompletableFuture::join)
                .sorted(Comparator.comparingInt(CompletedPart::partNumber)).toList();
    }

    /** The buffered bytes as a body the SDK may re-read (retries, signing) without a copy. */
    private static RequestBody body(byte[] buffer, int n) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, n), n, CONTENT_TYPE);
    }

    private void check(DigestingInputStream in, long length, Digest expected) {
        if (length >= 0 && in.count() != length) {
            throw mismatch("got " + in.count() + " bytes, expected " + length);
        }
        if (expected != null && !in.digest().equals(expected)) {
            throw mismatch("content digest " + in.digest() + " does not match the expected " + expected);
        }
    }

    private StagefarmException mismatch(String message) {
        return new StagefarmException(FailureCode.ARTIFACT_CORRUPT, key, 0, message + "; nothing was stored");
    }

    private void abort(String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The upload stays invisible either way; a bucket lifecycle rule reclaims its parts.
        }
    }
}
