package dev.stagefarm.agent.copy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A local file that ADD unpacks: a tar archive, plain or compressed with gzip, bzip2 or xz. As
 * Docker does, the file is recognised by its content, never by its name: the compression by its
 * magic bytes, then the (decompressed) first block must be a tar header with a valid checksum.
 * Nothing is read beyond what the check needs; {@link #open} streams the decompressed tar.
 * Stateless.
 */
public final class LocalArchive {

    private static final int BLOCK = 512;

    private LocalArchive() {
    }

    /** The compressions Docker's classic builder and BuildKit recognise for ADD. */
    enum Compression {
        NONE, GZIP, BZIP2, XZ
    }

    /** True when {@code file} is a regular file holding a (possibly compressed) tar archive. */
    public static boolean isArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = open(file)) {
            return isTarHeader(in.readNBytes(BLOCK));
        } catch (IOException | RuntimeException e) {
            // A file that looks compressed but is not (or is cut short) is copied as it is, as Docker does.
            return false;
        }
    }

    /** The decompressed tar stream of an archive; the caller closes it. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return switch (compression(raw)) {
                case GZIP -> new GZIPInputStream(raw, 1 << 16);
                case BZIP2 -> new BZip2CompressorInputStream(raw, true);
                case XZ -> new XZCompressorInputStream(raw, true);
                case NONE -> raw;
            };
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads the magic bytes without consuming them ({@code in} must support mark). */
    static Compression compression(InputStream in) throws IOException {
        in.mark(8);
        byte[] magic = in.readNBytes(6);
        in.reset();
        if (starts(magic, 0x1f, 0x8b, 0x08)) {
            return Compression.GZIP;
        }
        if (starts(magic, 'B', 'Z', 'h')) {
            return Compression.BZIP2;
        }
        if (starts(magic, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return Compression.XZ;
        }
        return Compression.NONE;
    }

    /**
     * Whether {@code block} is a tar header: its checksum field matches the sum of its bytes with
     * that field counted as spaces (unsigned or signed, as Go's reader accepts both). An all-zero
     * block (an empty archive's end marker) is not a header, as Go's reader reports it as EOF.
     */
    static boolean isTarHeader(byte[] block) {
        if (block.length < BLOCK) {
            return false;
        }
        String field = new String(block, 148, 8, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
        if (field.isEmpty()) {
            return false;
        }
        long recorded;
        try {
            recorded = Long.parseLong(field, 8);
        } catch (NumberFormatException e) {
            return false;
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : block[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        return recorded == unsigned || recorded == signed;
    }

    private static boolean starts(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
