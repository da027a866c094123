package dev.stagefarm.objectstore;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to reach the S3-compatible store. {@code partSize} is the size of the parts of a
 * multipart upload (one part is buffered in memory at a time): at least 5 MiB, the S3 minimum.
 * Immutable.
 */
public record S3Config(URI endpoint, String bucket, String accessKey, String secretKey, String region,
        int partSize) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    private static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public S3Config {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        region = region == null || region.isBlank() ? DEFAULT_REGION : region;
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("multipart parts are at least 5 MiB, got " + partSize);
        }
    }

    /** A configuration with the default region and part size. */
    public static S3Config of(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new S3Config(endpoint, bucket, accessKey, secretKey, DEFAULT_REGION, DEFAULT_PART_SIZE);
    }

    public S3Config withPartSize(int bytes) {
        return new S3Config(endpoint, bucket, accessKey, secretKey, region, bytes);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", bucket=" + bucket + ", accessKey=" + accessKey
                + ", region=" + region + ", partSize=" + partSize + "]";
    }
}
