package dev.stagefarm.digest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A SHA-256 content digest, written {@code sha256:<64 lowercase hex>} as in the OCI image spec.
 *
 * <p>The constructor validates, so a {@code Digest} value is always well formed. Immutable and
 * thread-safe.
 *
 * @param hex the 64 lowercase hex digits
 */
public record Digest(String hex) implements Comparable<Digest> {
    public static final String ALGORITHM_PREFIX = "sha256:";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, String.valueOf(hex), 0,
                    "not a SHA-256 digest: expected 64 lowercase hex digits");
        }
    }

    /** Parses {@code sha256:<hex>}; a bare 64-digit hex string is accepted too (as in URL paths). */
    @JsonCreator
    public static Digest parse(String text) {
        if (text == null) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, "null", 0, "missing digest");
        }
        if (text.startsWith(ALGORITHM_PREFIX)) {
            return new Digest(text.substring(ALGORITHM_PREFIX.length()));
        }
        if (text.indexOf(':') >= 0) {
            throw new StagefarmException(FailureCode.BAD_REQUEST, text, 0,
                    "unsupported digest algorithm: only sha256 is used by the farm");
        }
        return new Digest(text);
    }

    /** The digest of the given bytes (for small values such as keys and manifests). */
    public static Digest of(byte[] bytes) {
        return fromBytes(newSha256().digest(bytes));
    }

    /** Wraps a finished 32-byte SHA-256 result. */
    public static Digest fromBytes(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 result has 32 bytes, got " + sha256.length);
        }
        return new Digest(HexFormat.of().formatHex(sha256));
    }

    /** A fresh SHA-256 {@link MessageDigest}; every JRE has one. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JRE has no SHA-256", e);
        }
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }

    /** {@code sha256:<hex>}, also its JSON form. */
    @JsonValue
    @Override
    public String toString() {
        return ALGORITHM_PREFIX + hex;
    }
}
