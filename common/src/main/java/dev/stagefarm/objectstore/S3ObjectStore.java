package dev.stagefarm.objectstore;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link ObjectStore} on an S3-compatible service through the AWS SDK v2 (path-style addressing,
 * so it works with S3Proxy, MinIO and the like). A put with a known length streams straight
 * through; a put of unknown length, and every verified put, goes through {@link ChunkedUpload}
 * (bounded part buffers, parts uploaded two at a time, aborted on failure). Reads stream from the response.
 *
 * <p>Checksums are computed by the SDK only where the S3 API requires them: the farm verifies
 * content with its own SHA-256 digests, and some S3-compatible servers reject the SDK's newer
 * trailing checksums. Thread-safe; one instance per process is enough ({@link #close} it).
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    /** S3 takes at most 5 GiB in one put; anything longer goes in parts. */
    static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;
    private final S3Config config;
    private final S3Client s3;
    private final ExecutorService partUploads;

    public S3ObjectStore(S3Config config) {
        this.config = config;
        this.s3 = newClient(config);
        this.partUploads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "s3-part-upload");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The SDK client as the store configures it (also for tools that measure the store). */
    public static S3Client newClient(S3Config config) {
        return S3Client.builder()
                .endpointOverride(config.endpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)))
                .build();
    }

    public S3Config config() {
        return config;
    }

    /** Creates the bucket unless it exists (idempotent; safe to call at every start). */
    public void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(config.bucket()));
            return;
        } catch (NoSuchBucketException e) {
            // create below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw storeFailure(config.bucket(), "cannot reach bucket", e);
            }
        } catch (SdkException e) {
            throw storeFailure(config.bucket(), "cannot reach bucket", e);
        }
        try {
            s3.createBucket(b -> b.bucket(config.bucket()));
        } catch (BucketAlreadyOwnedByYouException e) {
            // another process created it meanwhile
        } catch (SdkException e) {
            throw storeFailure(config.bucket(), "cannot create bucket", e);
        }
    }

    @Override
    public StoredObject put(String key, InputStream content, long length) throws IOException {
        if (length < 0 || length > MAX_SINGLE_PUT) {
            return chunked(key).upload(content, -1, null);
        }
        SourceStream source = new SourceStream(content);
        try {
            PutObjectResponse response = s3.putObject(b -> b.bucket(config.bucket()).key(key).contentLength(length),
                    RequestBody.fromInputStream(source, length));
            return new StoredObject(key, length, response.eTag());
        } catch (SdkException | IllegalStateException e) {
            // IllegalStateException: the SDK could not rewind a consumed stream for a retry
            source.rethrowOwnFailure();
            throw new StagefarmException(FailureCode.OBJECT_STORE, key, 0, "upload failed: " + e.getMessage(), e);
        }
    }

    @Override
    public StoredObject putVerified(String key, InputStream content, long length, Digest expected)
            throws IOException {
        return chunked(key).upload(content, length, expected);
    }

    private ChunkedUpload chunked(String key) {
        return new ChunkedUpload(s3, partUploads, config.bucket(), key, config.partSize());
    }

    @Override
    public Optional<InputStream> get(String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(config.bucket()).key(key));
            return Optional.of(new ResponseStream(in));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw storeFailure(key, "download failed", e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(config.bucket()).key(key));
            return Optional.of(new StoredObject(key, head.contentLength(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw storeFailure(key, "stat failed", e);
        } catch (SdkException e) {
            throw storeFailure(key, "stat failed", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(config.bucket()).key(key));
        } catch (SdkException e) {
            throw storeFailure(key, "delete failed", e);
        }
    }

    static StagefarmException storeFailure(String key, String what, SdkException e) {
        return new StagefarmException(FailureCode.OBJECT_STORE, key, 0, what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        partUploads.shutdownNow();
        s3.close();
    }

    /**
     * A download that, when closed before its end, aborts the connection instead of reading the
     * rest of a possibly large object (the SDK drains it otherwise).
     */
    private static final class ResponseStream extends java.io.FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private boolean atEnd;

        ResponseStream(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        // The HTTP client closes its stream at the end and fails a read after it; readers
        // (a tar extractor, then a drain of the padding) may ask again, and get the end again.
        @Override
        public int read() throws IOException {
            if (atEnd) {
                return -1;
            }
            int b = super.read();
            atEnd |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (atEnd) {
                return -1;
            }
            int n = super.read(buffer, offset, length);
            atEnd |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!atEnd) {
                response.abort();
            }
            super.close();
        }
    }

    /**
     * The caller's stream, remembering its own failure: the SDK wraps every error in its own
     * exceptions, but a failing source is the caller's problem (an {@link IOException}), not the
     * store's.
     */
    private static final class SourceStream extends java.io.FilterInputStream {
        private IOException failure;

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        void rethrowOwnFailure() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
