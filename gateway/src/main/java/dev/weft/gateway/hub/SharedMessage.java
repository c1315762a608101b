package dev.weft.gateway.hub;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One encoded push queued to many sessions (seed §5.1: encode once, share the buffer). The
 * bytes are encoded once; a transport that sends from pooled memory asks for
 * {@link #pooled}, which copies them into one reference-counted buffer the first time and
 * from then on hands every session a reference to that same buffer (a count, no object: the
 * connection writes it by position, never moving its indexes), so N subscribers cost one copy
 * and no allocation, not N.
 *
 * <p>Lifetime: whoever holds the message holds one reference ({@link #retain} /
 * {@link #release}): the hub while it delivers, a subscriber while it holds the message back
 * during its subscribe. The pooled buffer's own reference is dropped with the last one;
 * references already queued keep the memory alive until they are written.
 *
 * <p>Thread-safety: {@link #pooled} may be called from several threads holding references
 * (the publisher's, a subscriber going live); the first call's copy is made under the lock,
 * later calls take no lock (one per delivery would sit on the fan-out's hot path).
 */
public final class SharedMessage {
    private final byte[] bytes;
    /** Holders; every holder's retain/release is a volatile read-modify-write on it. */
    private final AtomicInteger references = new AtomicInteger(1);
    /**
     * Made by the first {@link #pooled} call, under {@code this}; dropped by the last
     * {@link #release}, under {@code this}. Volatile: the write that publishes the filled copy
     * (release) pairs with the lock-free read in {@link #pooled} (acquire), so a reader that
     * sees it non-null sees its bytes. Never dropped while a caller of pooled holds a reference.
     */
    private volatile Buffer buffer;

    /** Takes {@code bytes} (not copied, never modified); the caller holds the first reference. */
    public SharedMessage(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The encoded message; shared, must not be modified. */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * The one pooled copy with a reference added for the caller, who passes it on to a send
     * queue (which releases it once written) and must not change its bytes or indexes. The
     * caller must hold a reference to this message.
     */
    public Buffer pooled(BufferPool pool) {
        if (references.get() <= 0) {
            throw new IllegalStateException("message already released");
        }
        Buffer b = buffer;   // ordering: acquire, pairs with the release store below
        if (b == null) {
            synchronized (this) {
                b = buffer;
                if (b == null) {
                    b = pool.allocate(bytes.length).writeBytes(bytes);
                    buffer = b;   // ordering: release; publishes the copied bytes
                }
            }
        }
        return b.retain();
    }

    public SharedMessage retain() {
        // A holder exists while this runs, so the count cannot be zero here.
        references.incrementAndGet();
        return this;
    }

    /** Drops one reference; the last drops the pooled copy's own reference. */
    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            synchronized (this) {
                if (buffer != null) {
                    buffer.release();
                    buffer = null;
                }
            }
        } else if (left < 0) {
            throw new IllegalStateException("message released more often than retained");
        }
    }
}
