package dev.stagefarm.coordinator.context;

import dev.stagefarm.objectstore.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The coordinator's S3 access until the shared object-store implementation is wired in: the
 * coordinator only stores contexts of known length and checks or reads single objects. Streams;
 * thread-safe like the client.
 */
public final class S3Objects implements ObjectStore {
    private final S3Client s3;
    private final String bucket;

    public S3Objects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public StoredObject put(String key, InputStream content, long length) throws IOException {
        if (length < 0) {
            throw new IOException("the coordinator stores only objects of known length: " + key);
        }
        try {
            String etag = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromInputStream(content, length))
                    .eTag();
            return new StoredObject(key, length, etag);
        } catch (SdkException e) {
            throw new IOException("cannot store " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> get(String key) throws IOException {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new StoredObject(key, head.contentLength(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("cannot stat " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot stat " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("cannot delete " + key + ": " + e.getMessage(), e);
        }
    }
}
