package dev.stagefarm.objectstore;

import dev.stagefarm.digest.Digest;
import dev.stagefarm.digest.DigestingInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;

/**
 * Moves one generated object of the given size through {@link S3ObjectStore} (a put of unknown
 * length, then a digest-verified get) and prints the peak heap used. Run in a child JVM with a
 * small {@code -Xmx} by {@link LargeObjectTransferTest}: it can only pass if nothing holds the
 * object in memory.
 *
 * <p>Arguments: endpoint, bucket, size in bytes.
 */
public final class LargeTransferProbe {
    private LargeTransferProbe() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String bucket = args[1];
        long size = Long.parseLong(args[2]);
        S3Config config = S3Config.of(endpoint, bucket, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        try (S3ObjectStore store = new S3ObjectStore(config)) {
            long start = System.nanoTime();
            DigestingInputStream source = new DigestingInputStream(new GeneratedStream(size, 42));
            store.put("large/object", source, -1);
            Digest digest = source.digest();
            long uploaded = System.nanoTime();
            long read;
            try (InputStream in = store.getVerified("large/object", digest, size).orElseThrow()) {
                read = in.transferTo(OutputStream.nullOutputStream());
            }
            long downloaded = System.nanoTime();
            System.out.printf("transferred=%d digest=%s put_mb_s=%.1f get_mb_s=%.1f peak_heap_mb=%d max_heap_mb=%d%n",
                    read, digest, mbPerSecond(size, uploaded - start), mbPerSecond(size, downloaded - uploaded),
                    peakHeapMib(), Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /** The most heap this JVM has used so far, in MiB (the sum of the heap pools' peaks). */
    public static long peakHeapMib() {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        return peakHeap >> 20;
    }

    private static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
