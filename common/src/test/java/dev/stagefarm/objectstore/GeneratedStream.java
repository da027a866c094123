package dev.stagefarm.objectstore;

import java.io.InputStream;

/**
 * A stream of {@code size} pseudo-random bytes generated on the fly from a seed (xorshift), so
 * tests can move gigabytes without a file or a buffer of that size; the same seed and size give
 * the same bytes. Fast (several GB/s); not thread-safe.
 */
public final class GeneratedStream extends InputStream {
    private final long size;
    private long position;
    private long state;
    private final byte[] block = new byte[64 * 1024];
    private int blockPosition = block.length;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    public GeneratedStream(long size, long seed) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        if (blockPosition == block.length) {
            refill();
        }
        int n = (int) Math.min(Math.min(length, size - position), block.length - blockPosition);
        System.arraycopy(block, blockPosition, buffer, offset, n);
        blockPosition += n;
        position += n;
        return n;
    }

    /** Fills the next 64 KiB with one xorshift step per 8 bytes. */
    private void refill() {
        for (int i = 0; i < block.length; i += 8) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            LONGS.set(block, i, state);
        }
        blockPosition = 0;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }
}
