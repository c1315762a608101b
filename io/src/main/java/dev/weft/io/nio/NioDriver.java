package dev.weft.io.nio;

import dev.weft.runtime.driver.Driver;
import dev.weft.runtime.driver.DriverFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The portable {@link Driver}: a worker parks in {@link Selector#select(long)}, and channels
 * registered with {@link #register} are dispatched to their {@link NioHandler} when ready. For
 * systems without io_uring or epoll (macOS, Windows) and containers whose seccomp forbids
 * io_uring.
 *
 * <p>Wake-up protocol (Netty's {@code wakenUp} idea):
 * <ol>
 *   <li>{@link #unpark()} sets {@link #wakeupPending}; only the call that changes it from false
 *       to true calls {@link Selector#wakeup()}, so a burst of unparks costs one wakeup.</li>
 *   <li>{@link #park(long)} selects, then clears {@link #wakeupPending}.</li>
 *   <li>A wakeup that arrives before the select makes it return at once (Selector's contract),
 *       so no unpark is lost: an unpark either finds the flag false and wakes the selector, or
 *       finds it true, set by an unpark whose wakeup the current or next select still sees.</li>
 * </ol>
 *
 * <p>Thread roles: the owner (one worker) parks, registers and closes; any thread unparks, and
 * an unpark after close does nothing.
 */
public final class NioDriver implements Driver {

    private static final VarHandle WAKEUP_PENDING;

    static {
        try {
            WAKEUP_PENDING = MethodHandles.lookup().findVarHandle(NioDriver.class, "wakeupPending", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Selector selector;
    /** Set by unparkers, cleared by the owner after each select (see protocol). */
    @SuppressWarnings("unused")
    private volatile boolean wakeupPending;
    /** Guarded by this: set by close() on the owner, read by unparkers before a wakeup. */
    private boolean closed;
    /** Read by tests and metrics; written by unparkers that called Selector.wakeup(). */
    private final AtomicLong wakeups = new AtomicLong();

    public NioDriver() {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a NIO selector", e);
        }
    }

    /** A factory for {@code RuntimeBuilder.drivers(...)}: one selector per worker. */
    public static DriverFactory factory() {
        return index -> new NioDriver();
    }

    /**
     * Registers {@code channel} (non-blocking) for {@code ops}; {@code handler} runs on the owner
     * when it is ready. Owner thread.
     */
    public SelectionKey register(SelectableChannel channel, int ops, NioHandler handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    @Override
    public void park(long timeoutNanos) {
        try {
            if (timeoutNanos == 0) {
                selector.selectNow();
            } else if (timeoutNanos < 0) {
                selector.select();
            } else {
                // Round up: a park must not end before its timeout unless something woke it.
                long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
                selector.select(millis);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        } catch (java.nio.channels.ClosedSelectorException e) {
            throw new IllegalStateException("park on a closed NIO driver", e);
        }
        // ordering: volatile store (step 2); an unpark that set the flag before this store had
        // its wakeup() seen by this or the next select; one after it finds false and wakes again.
        WAKEUP_PENDING.setVolatile(this, false);
        dispatch();
    }

    private void dispatch() {
        Set<SelectionKey> ready = selector.selectedKeys();
        if (ready.isEmpty()) {
            return;
        }
        Iterator<SelectionKey> it = ready.iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (key.isValid() && key.attachment() instanceof NioHandler handler) {
                handler.onReady(key.readyOps());
            }
        }
    }

    @Override
    public void unpark() {
        // ordering: volatile getAndSet (step 1); releases the caller's writes (queued tasks) to
        // the owner, which reads the flag (and the queues) after its select returns.
        if (!(boolean) WAKEUP_PENDING.getAndSet(this, true)) {
            wakeups.incrementAndGet();
            // Under the lock: a wakeup on a closed selector fails inside the JDK, and a late
            // unpark (a wake racing with shutdown) must be harmless.
            synchronized (this) {
                if (!closed) {
                    selector.wakeup();
                }
            }
        }
    }

    /** How many unparks actually woke the selector (the rest were coalesced). */
    public long wakeups() {
        return wakeups.get();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the NIO selector", e);
        }
    }
}
