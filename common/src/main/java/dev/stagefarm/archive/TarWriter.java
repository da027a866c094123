package dev.stagefarm.archive;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a POSIX (ustar + PAX) tar stream whose bytes depend only on the {@link TarHeader}s and
 * contents given: no clock, no user or group names, no host details. Long or non-ASCII names and
 * link targets, and sizes or ids past the ustar limits, go in a PAX extended header.
 *
 * <p>The archive's own tar library is not used for writing because it fills the extended headers
 * it generates with the current user's name, which would make the same files give different bytes
 * on different machines. Not thread-safe; one writer per stream.
 */
public final class TarWriter implements Closeable {
    static final int BLOCK = 512;
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final long MAX_OCTAL_7 = 07777777L;

    private final OutputStream out;
    private final byte[] copyBuffer = new byte[64 * 1024];
    private boolean finished;

    /** Writes to {@code out}; the caller buffers it if it is a raw file or socket. */
    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes a directory or link entry (no content). */
    public void write(TarHeader header) throws IOException {
        if (header.type() == TarEntryType.FILE && header.size() != 0) {
            throw new IllegalArgumentException("a file entry with content needs its stream: " + header.name());
        }
        writeHeader(header);
    }

    /**
     * Writes a file entry and exactly {@code header.size()} bytes of {@code content}. A content
     * stream with fewer bytes is an {@link EOFException}; extra bytes are left unread in it.
     */
    public void write(TarHeader header, InputStream content) throws IOException {
        writeHeader(header);
        long remaining = header.size();
        while (remaining > 0) {
            int n = content.read(copyBuffer, 0, (int) Math.min(copyBuffer.length, remaining));
            if (n < 0) {
                throw new EOFException(header.name() + ": content ended " + remaining + " bytes short of "
                        + header.size());
            }
            out.write(copyBuffer, 0, n);
            remaining -= n;
        }
        pad(header.size());
    }

    private void writeHeader(TarHeader h) throws IOException {
        String name = h.type() == TarEntryType.DIRECTORY ? h.name() + "/" : h.name();
        Map<String, String> pax = new LinkedHashMap<>();
        String[] prefixAndName = splitUstarName(name);
        if (prefixAndName == null) {
            pax.put("path", name);
            prefixAndName = new String[] {"", asciiStub(name, 100)};
        }
        String link = h.linkTarget() == null ? "" : h.linkTarget();
        if (!fitsAscii(link, 100)) {
            pax.put("linkpath", link);
            link = asciiStub(link, 100);
        }
        long size = h.size();
        if (size > MAX_OCTAL_11) {
            pax.put("size", Long.toString(size));
            size = 0;
        }
        long uid = h.uid();
        if (uid < 0 || uid > MAX_OCTAL_7) {
            pax.put("uid", Long.toString(uid));
            uid = 0;
        }
        long gid = h.gid();
        if (gid < 0 || gid > MAX_OCTAL_7) {
            pax.put("gid", Long.toString(gid));
            gid = 0;
        }
        long mtime = h.mtime();
        if (mtime < 0 || mtime > MAX_OCTAL_11) {
            pax.put("mtime", Long.toString(mtime));
            mtime = 0;
        }
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            byte[] paxBlock = headerBlock("PaxHeaders/" + asciiStub(baseName(name), 88), "", 'x', 0644, 0, 0,
                    mtime, records.length, "");
            out.write(paxBlock);
            out.write(records);
            pad(records.length);
        }
        out.write(headerBlock(prefixAndName[1], prefixAndName[0], h.type().flag(), h.mode(), uid, gid, mtime,
                size, link));
    }

    private static byte[] headerBlock(String name, String prefix, char type, int mode, long uid, long gid,
            long mtime, long size, String link) {
        byte[] b = new byte[BLOCK];
        put(b, 0, 100, name);
        octal(b, 100, 8, mode);
        octal(b, 108, 8, uid);
        octal(b, 116, 8, gid);
        octal(b, 124, 12, size);
        octal(b, 136, 12, mtime);
        Arrays.fill(b, 148, 156, (byte) ' ');
        b[156] = (byte) type;
        put(b, 157, 100, link);
        put(b, 257, 6, "ustar");
        b[263] = '0';
        b[264] = '0';
        octal(b, 329, 8, 0);
        octal(b, 337, 8, 0);
        put(b, 345, 155, prefix);
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        String checksum = String.format("%06o", sum);
        put(b, 148, 6, checksum);
        b[154] = 0;
        b[155] = ' ';
        return b;
    }

    /** ustar name/prefix split, or null when the name needs a PAX record. */
    private static String[] splitUstarName(String name) {
        if (fitsAscii(name, 100)) {
            return new String[] {"", name};
        }
        if (!fitsAscii(name, 256)) {
            return null;
        }
        // The prefix ends at a slash; the rest must fit the 100-byte name field.
        for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            if (slash <= 155 && name.length() - slash - 1 <= 100 && slash + 1 < name.length()) {
                return new String[] {name.substring(0, slash), name.substring(slash + 1)};
            }
        }
        return null;
    }

    private static boolean fitsAscii(String s, int max) {
        if (s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String asciiStub(String s, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(c > 0 && c <= 0x7e ? c : '_');
        }
        return sb.toString();
    }

    private static String baseName(String name) {
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** PAX records: {@code "<len> <key>=<value>\n"}, where len counts the whole record. */
    static byte[] paxRecords(Map<String, String> pax) {
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, String> e : pax.entrySet()) {
            int body = (" " + e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8).length;
            int length = body;
            while (length != body + Integer.toString(length).length()) {
                length = body + Integer.toString(length).length();
            }
            all.append(length).append(' ').append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return all.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void put(byte[] b, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, offset, Math.min(length, bytes.length));
    }

    private static void octal(byte[] b, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        put(b, offset, length - 1, padded);
        b[offset + length - 1] = 0;
    }

    private void pad(long written) throws IOException {
        int rest = (int) (written % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** Writes the end-of-archive marker (two zero blocks) and flushes; the stream stays open. */
    public void finish() throws IOException {
        if (!finished) {
            out.write(new byte[2 * BLOCK]);
            out.flush();
            finished = true;
        }
    }

    /** Finishes the archive and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }
}
