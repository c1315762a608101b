package dev.weft.io.buffer;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A view of pooled off-heap memory with a read index and a write index, and a reference count
 * shared by every view of the same allocation.
 *
 * <p>Index model (Netty's): {@code 0 <= readIndex <= writeIndex <= capacity}. Bytes in
 * {@code [readIndex, writeIndex)} are readable (received, not yet consumed); bytes in
 * {@code [writeIndex, capacity)} are writable. A receive writes into {@link #writableSegment()}
 * and then calls {@link #advanceWriteIndex}; a decoder reads {@link #readableSegment()} and calls
 * {@link #advanceReadIndex}. {@link #segment()} is the whole capacity, for FFM calls that want it.
 *
 * <p>Ownership: {@code allocate} returns a buffer with count 1, owned by the caller, who must
 * {@link #release()} it exactly once. To share it, give each extra holder
 * {@link #retainedDuplicate()} (a view with indexes of its own) or, when no holder moves the
 * indexes (a payload fanned out to N connections, written by position), {@link #retain()}:
 * the same object, no allocation. Each holder releases once, and the memory goes back to the
 * pool when the last one does. {@link #slice} and {@link #duplicate}
 * share the count without adding to it (they live as long as the holder's reference).
 * Releasing a released buffer, or using one, throws IllegalStateException. A
 * {@code MemorySegment} obtained from a buffer must not be used after its release: the pool
 * hands the same memory to the next allocation.
 *
 * <p>Thread roles: the indexes are plain fields, owned by one thread at a time (hand a buffer
 * to another thread through a queue, which orders it). {@link #retain()} and {@link #release()}
 * are safe from any thread. Not a {@code java.nio.ByteBuffer}; no byte-order state: multi-byte
 * access goes through {@link #segment()} with an explicit {@code ValueLayout}.
 */
public final class Buffer {

    private final Allocation allocation;
    /** This view's memory; its size is the capacity. Reset when the pool recycles the Buffer. */
    private MemorySegment memory;
    /** Owner of this view only. */
    private long readIndex;
    /** Owner of this view only. */
    private long writeIndex;

    Buffer(Allocation allocation, MemorySegment memory) {
        this.allocation = allocation;
        this.memory = memory;
    }

    /** The pool's recycling: this Buffer now names {@code newMemory}, indexes at 0. */
    void reuse(MemorySegment newMemory) {
        this.memory = newMemory;
        this.readIndex = 0;
        this.writeIndex = 0;
    }

    Allocation allocation() {
        return allocation;
    }

    public long capacity() {
        return memory.byteSize();
    }

    public long readIndex() {
        return readIndex;
    }

    public long writeIndex() {
        return writeIndex;
    }

    public long readableBytes() {
        return writeIndex - readIndex;
    }

    public long writableBytes() {
        return memory.byteSize() - writeIndex;
    }

    /** Sets both indexes; requires {@code 0 <= readIndex <= writeIndex <= capacity}. */
    public Buffer setIndexes(long newReadIndex, long newWriteIndex) {
        allocation.checkLive();
        if (newReadIndex < 0 || newReadIndex > newWriteIndex || newWriteIndex > memory.byteSize()) {
            throw new IndexOutOfBoundsException("need 0 <= readIndex <= writeIndex <= capacity; readIndex="
                    + newReadIndex + " writeIndex=" + newWriteIndex + " capacity=" + memory.byteSize());
        }
        readIndex = newReadIndex;
        writeIndex = newWriteIndex;
        return this;
    }

    /** Both indexes to 0. */
    public Buffer clear() {
        return setIndexes(0, 0);
    }

    /** Marks {@code n} more bytes written (after a receive into {@link #writableSegment()}). */
    public Buffer advanceWriteIndex(long n) {
        return setIndexes(readIndex, writeIndex + n);
    }

    /** Marks {@code n} more bytes consumed (after a send or a decode of {@link #readableSegment()}). */
    public Buffer advanceReadIndex(long n) {
        return setIndexes(readIndex + n, writeIndex);
    }

    /** The whole capacity, for FFM I/O. Valid until the release that frees the memory. */
    public MemorySegment segment() {
        allocation.checkLive();
        return memory;
    }

    /** The native address of the first readable byte, for syscalls (no slice object). */
    public long readAddress() {
        allocation.checkLive();
        return memory.address() + readIndex;
    }

    /**
     * The native address of byte {@code index} (a position the caller keeps itself, e.g. a
     * write that must not move a shared buffer's read index), for syscalls.
     */
    public long addressAt(long index) {
        allocation.checkLive();
        return memory.address() + index;
    }

    /** The native address where the next receive goes, for syscalls (no slice object). */
    public long writeAddress() {
        allocation.checkLive();
        return memory.address() + writeIndex;
    }

    /** {@code [readIndex, writeIndex)}: the bytes to send or decode. */
    public MemorySegment readableSegment() {
        allocation.checkLive();
        return memory.asSlice(readIndex, writeIndex - readIndex);
    }

    /** {@code [writeIndex, capacity)}: where the next receive goes. */
    public MemorySegment writableSegment() {
        allocation.checkLive();
        return memory.asSlice(writeIndex, memory.byteSize() - writeIndex);
    }

    public byte getByte(long index) {
        allocation.checkLive();
        return memory.get(ValueLayout.JAVA_BYTE, index);
    }

    public Buffer setByte(long index, byte value) {
        allocation.checkLive();
        memory.set(ValueLayout.JAVA_BYTE, index, value);
        return this;
    }

    public byte readByte() {
        if (readIndex >= writeIndex) {
            throw new IndexOutOfBoundsException("no readable byte; readIndex=" + readIndex + " writeIndex=" + writeIndex);
        }
        byte b = getByte(readIndex);
        readIndex++;
        return b;
    }

    public Buffer writeByte(byte value) {
        if (writeIndex >= memory.byteSize()) {
            throw new IndexOutOfBoundsException("buffer full; writeIndex=" + writeIndex + " capacity=" + memory.byteSize());
        }
        setByte(writeIndex, value);
        writeIndex++;
        return this;
    }

    public Buffer writeBytes(byte[] source) {
        allocation.checkLive();
        if (source.length > writableBytes()) {
            throw new IndexOutOfBoundsException("writing " + source.length + " bytes; writable=" + writableBytes());
        }
        MemorySegment.copy(source, 0, memory, ValueLayout.JAVA_BYTE, writeIndex, source.length);
        writeIndex += source.length;
        return this;
    }

    /** Reads {@code length} bytes into a new array. */
    public byte[] readBytes(int length) {
        allocation.checkLive();
        if (length < 0 || length > readableBytes()) {
            throw new IndexOutOfBoundsException("reading " + length + " bytes; readable=" + readableBytes());
        }
        byte[] out = new byte[length];
        MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, readIndex, out, 0, length);
        readIndex += length;
        return out;
    }

    /**
     * A view of {@code [offset, offset + length)} of this view, sharing the reference count
     * without adding to it; its read index is 0 and its write index is {@code length}.
     */
    public Buffer slice(long offset, long length) {
        allocation.checkLive();
        allocation.hasViews = true;
        Buffer s = new Buffer(allocation, memory.asSlice(offset, length));
        s.writeIndex = length;
        return s;
    }

    /** A view of the same memory with copied indexes, sharing the count without adding to it. */
    public Buffer duplicate() {
        allocation.checkLive();
        allocation.hasViews = true;
        Buffer d = new Buffer(allocation, memory);
        d.readIndex = readIndex;
        d.writeIndex = writeIndex;
        return d;
    }

    /** {@link #duplicate()} plus one reference, for another holder (fan-out) to release on its own. */
    public Buffer retainedDuplicate() {
        allocation.retain();
        return duplicate();
    }

    /** Adds one reference; throws IllegalStateException if the buffer is already released. */
    public Buffer retain() {
        allocation.retain();
        return this;
    }

    /**
     * Drops one reference; the drop to zero returns the memory to the pool, exactly once.
     * Returns true if this call freed it. Throws IllegalStateException if already released.
     */
    public boolean release() {
        Allocation a = allocation;
        if (a.release()) {
            a.pool.free(a, this);
            return true;
        }
        return false;
    }

    /** The shared reference count; 0 once released. A snapshot, for checks and diagnostics. */
    public int refCount() {
        return allocation.refCount();
    }

    public boolean isReleased() {
        return allocation.refCount() <= 0;
    }

    @Override
    public String toString() {
        return "Buffer[capacity=" + memory.byteSize() + ", readIndex=" + readIndex + ", writeIndex=" + writeIndex
                + ", " + allocation.describe() + "]";
    }
}
