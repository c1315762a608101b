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
     * Fills {@code mem} (at least {@link #BYTES}) with a msghdr naming the unsent bytes of up
     * to {@link #MAX_IOVS} non-empty buffers from {@code buffers[offset .. offset+count)}: from
     * {@code starts[i]} (or the read index when {@code starts} is null) to the write index.
     *
     * @return the number of iovecs written (0 when every buffer is empty)
     */
    public static int fill(MemorySegment mem, Buffer[] buffers, long[] starts, int offset, int count) {
        int n = 0;
        for (int i = offset; i < offset + count && n < MAX_IOVS; i++) {
            Buffer b = buffers[i];
            long len = unsent(b, starts, i);
            if (len == 0) {
                continue;
            }
            long iov = IOV_OFFSET + IOV_BYTES * n;
            mem.set(JAVA_LONG, iov, startAddress(b, starts, i));
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

    /** Bytes of {@code buffers[i]} not yet written: from its start (see {@link #fill}) to its write index. */
    public static long unsent(Buffer b, long[] starts, int i) {
        return starts == null ? b.readableBytes() : b.writeIndex() - starts[i];
    }

    /** The address of the first unsent byte of {@code buffers[i]}. */
    public static long startAddress(Buffer b, long[] starts, int i) {
        return starts == null ? b.readAddress() : b.addressAt(starts[i]);
    }

    /**
     * Marks {@code written} bytes as sent, in order: advances {@code starts[i]}, or the read
     * indexes when {@code starts} is null.
     */
    public static void consume(Buffer[] buffers, long[] starts, int offset, int count, long written) {
        long left = written;
        for (int i = offset; i < offset + count && left > 0; i++) {
            Buffer b = buffers[i];
            long take = Math.min(left, unsent(b, starts, i));
            if (starts == null) {
                b.advanceReadIndex(take);
            } else {
                starts[i] += take;
            }
            left -= take;
        }
    }
}
