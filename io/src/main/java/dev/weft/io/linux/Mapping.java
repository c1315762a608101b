package dev.weft.io.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A shared memory mapping of a file descriptor ({@code mmap(MAP_SHARED)}), seen as a
 * {@link MemorySegment} of exactly its length. Lives here because turning a raw address into
 * a segment ({@code reinterpret}) is a restricted FFM operation.
 *
 * <p>The segment belongs to a shared arena that {@link #close()} closes before
 * {@code munmap}: a stale access then throws {@link IllegalStateException} instead of
 * touching unmapped memory (a SIGSEGV). Closing a shared arena waits, by a handshake, for any
 * thread inside an access, so the unmap cannot race one. {@code close()} is for the owner
 * thread only.
 */
public final class Mapping implements AutoCloseable {
    private final long address;
    private final long length;
    private final Arena arena;
    private final MemorySegment segment;
    /** Written and read by the owning thread only. */
    private boolean isUnmapped;

    private Mapping(long address, long length) {
        this.address = address;
        this.length = length;
        this.arena = Arena.ofShared();
        this.segment = MemorySegment.ofAddress(address).reinterpret(length, arena, null);
    }

    /**
     * Maps {@code length} bytes of {@code fd} at {@code offset}, shared, read-write, pre-faulted.
     *
     * @param what named in the error message, e.g. {@code "mmap(SQ ring)"}
     */
    public static Mapping mapShared(String what, int fd, long length, long offset)
            throws LinuxException {
        long address = LinuxException.check(what, Syscalls.mmap(length,
                Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_SHARED | Mman.MAP_POPULATE, fd,
                offset));
        return new Mapping(address, length);
    }

    public MemorySegment segment() {
        return segment;
    }

    public long length() {
        return length;
    }

    /** Unmaps once; later calls do nothing. */
    @Override
    public void close() throws LinuxException {
        if (isUnmapped) {
            return;
        }
        isUnmapped = true;
        arena.close();
        LinuxException.check("munmap", Syscalls.munmap(address, length));
    }
}
