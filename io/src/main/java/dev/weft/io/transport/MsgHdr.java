package dev.weft.io.transport;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.weft.io.buffer.Buffer;
import java.lang.foreign.MemorySegment;

/**
 * {@code struct msghdr} with its {@code iovec} array, for gather writes ({@code sendmsg}), LP64
 * layout (x86-64 and aarch64):
 *
 * <pre>
 * msghdr (56 B): name ptr @0 | namelen u32 @8 | iov ptr @16 | iovlen u64 @24
 *                | control ptr @32 | controllen u64 @40 | flags i32 @48
 * iovec  (16 B): base ptr @0 | len u64 @8        (the array starts at {@link #IOV_OFFSET})
 * </pre>
 */
public final class MsgHdr {
    public static final long IOV_OFFSET = 64;
    public static final long IOV_BYTES = 16;
    /** iovecs per sendmsg; well under the kernel's UIO_MAXIOV (1024). */
    public static final int MAX_IOVS = 64;
    public static final long BYTES = IOV_OFFSET + IOV_BYTES * MAX_IOVS;

    private MsgHdr() {}

    /**
     * Fills {@code mem} (at least {@link #BYTES}) with a msghdr naming the readable bytes of up
     * to {@link #MAX_IOVS} non-empty buffers from {@code buffers[offset .. offset+count)}.
     *
     * @return the number of iovecs written (0 when every buffer is empty)
     */
    public static int fill(MemorySegment mem, Buffer[] buffers, int offset, int count) {
        int n = 0;
        for (int i = offset; i < offset + count && n < MAX_IOVS; i++) {
            Buffer b = buffers[i];
            long len = b.readableBytes();
            if (len == 0) {
                continue;
            }
            long iov = IOV_OFFSET + IOV_BYTES * n;
            mem.set(JAVA_LONG, iov, b.readAddress());
            mem.set(JAVA_LONG, iov + 8, len);
            n++;
        }
        mem.set(JAVA_LONG, 0, 0L);
        mem.set(JAVA_INT, 8, 0);
        mem.set(JAVA_LONG, 16, mem.address() + IOV_OFFSET);
        mem.set(JAVA_LONG, 24, n);
        mem.set(JAVA_LONG, 32, 0L);
        mem.set(JAVA_LONG, 40, 0L);
        mem.set(JAVA_INT, 48, 0);
        return n;
    }

    /** Advances the read indexes of {@code buffers} by {@code written} bytes, in order. */
    public static void consume(Buffer[] buffers, int offset, int count, long written) {
        long left = written;
        for (int i = offset; i < offset + count && left > 0; i++) {
            Buffer b = buffers[i];
            long take = Math.min(left, b.readableBytes());
            b.advanceReadIndex(take);
            left -= take;
        }
    }
}
