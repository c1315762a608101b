package dev.weft.io.uring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.linux.LinuxException;
import dev.weft.io.linux.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * A provided-buffer ring (Linux 5.19, {@code IORING_REGISTER_PBUF_RING}): receive buffers the
 * kernel picks from when a multishot RECV has data, so an idle connection holds none.
 *
 * <pre>
 * ring: entries x io_uring_buf (16 B): addr u64 @0 | len u32 @8 | bid u16 @12 | resv u16 @14
 *       the shared tail is the resv field of entry 0 (byte 14), written by us, read by the kernel
 * reg:  io_uring_buf_reg (40 B): ring_addr u64 @0 | ring_entries u32 @8 | bgid u16 @12 | pad
 * </pre>
 *
 * <p>Every slot holds a pooled {@link Buffer}, indexed by its buffer id. When a CQE says the
 * kernel filled buffer {@code bid} ({@code cqe.flags >>> 16}), {@link #take} hands that Buffer
 * to the receiver (no copy) and puts a fresh one from the pool in its place, so the kernel
 * never runs dry while the pool has memory.
 *
 * <p>Not thread-safe: the ring's owner only.
 */
final class BufferRing implements AutoCloseable {
    private static final long ENTRY_BYTES = 16;
    private static final long PAGE = 4096;
    private static final VarHandle SHORT = JAVA_SHORT.varHandle();

    private final IoUring ring;
    private final BufferPool pool;
    private final int bufferSize;
    private final int entries;
    private final short groupId;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment mem;
    private final Buffer[] byId;
    /** Owner only: the tail we publish; entries before it belong to the kernel. */
    private int tail;
    private boolean registered;

    BufferRing(IoUring ring, BufferPool pool, int bufferSize, int entries, short groupId)
            throws LinuxException {
        if (Integer.bitCount(entries) != 1 || entries > 32768) {
            throw new IllegalArgumentException("buffer ring entries must be a power of two "
                    + "<= 32768, was " + entries);
        }
        this.ring = ring;
        this.pool = pool;
        this.bufferSize = bufferSize;
        this.entries = entries;
        this.groupId = groupId;
        this.mem = arena.allocate(entries * ENTRY_BYTES, PAGE);
        this.byId = new Buffer[entries];
        MemorySegment reg = arena.allocate(40, 8);
        reg.set(JAVA_LONG, 0, mem.address());
        reg.set(JAVA_INT, 8, entries);
        reg.set(JAVA_SHORT, 12, groupId);
        int r = Syscalls.ioUringRegister(ring.fd(), IoUringConstants.IORING_REGISTER_PBUF_RING, reg, 1);
        if (r < 0) {
            arena.close();
            throw new LinuxException("io_uring_register(PBUF_RING)", -r);
        }
        registered = true;
        for (int bid = 0; bid < entries; bid++) {
            put(bid, pool.allocate(bufferSize));
        }
        publish();
    }

    short groupId() {
        return groupId;
    }

    int bufferSize() {
        return bufferSize;
    }

    /**
     * The buffer the kernel filled with {@code bytes} bytes, now owned by the caller; a fresh
     * buffer takes its slot and is handed to the kernel at once.
     */
    Buffer take(int bid, int bytes) {
        Buffer filled = byId[bid];
        filled.setIndexes(0, bytes);
        put(bid, pool.allocate(bufferSize));
        publish();
        return filled;
    }

    /** Gives buffer {@code bid} back unused (a CQE that carried no data). */
    void recycle(int bid) {
        put(bid, byId[bid]);
    }

    private void put(int bid, Buffer b) {
        byId[bid] = b;
        long e = (long) (tail & (entries - 1)) * ENTRY_BYTES;
        mem.set(JAVA_LONG, e, b.segment().address());
        mem.set(JAVA_INT, e + 8, (int) b.capacity());
        mem.set(JAVA_SHORT, e + 12, (short) bid);
        tail++;
    }

    /** Hands the entries added since the last call to the kernel. */
    void publish() {
        // ordering: release (16-bit store at byte 14); publishes the entries written by put()
        // before the tail. Pairs with smp_load_acquire(&br->tail) in io_ring_buffer_select()
        // (io_uring/kbuf.c).
        SHORT.setRelease(mem, 14L, (short) tail);
    }

    /**
     * Unregisters the ring and returns every buffer to the pool. Only after the kernel can no
     * longer pick a buffer: every RECV using this group has posted its last CQE.
     */
    @Override
    public void close() {
        if (registered) {
            MemorySegment reg = arena.allocate(40, 8);
            reg.set(JAVA_SHORT, 12, groupId);
            Syscalls.ioUringRegister(ring.fd(), IoUringConstants.IORING_UNREGISTER_PBUF_RING, reg, 1);
            registered = false;
        }
        for (int i = 0; i < entries; i++) {
            if (byId[i] != null) {
                byId[i].release();
                byId[i] = null;
            }
        }
        arena.close();
    }
}
