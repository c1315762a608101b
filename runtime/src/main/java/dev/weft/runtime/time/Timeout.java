package dev.weft.runtime.time;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import java.time.Duration;

/**
 * Runs a future with a deadline (Tokio's {@code Timeout}): completes with the inner future's
 * value if it is ready first, otherwise fails with {@link Elapsed}. Created by
 * {@link Time#timeout}; the deadline is fixed at creation.
 *
 * <p>Each poll polls the inner future first, so a value ready at the deadline wins. The deadline
 * is checked even when the inner future spent the task's budget, so a busy inner future still
 * times out. When it times out, the inner future is closed at once if it is
 * {@link AutoCloseable}; otherwise it is closed with this timeout when the task ends.
 */
public final class Timeout<T> implements Future<T>, AutoCloseable {

    private final Future<T> inner;
    private final Sleep delay;
    private final Duration duration;
    /** Poller only. Whether the inner future has been closed (it is closed at most once). */
    private boolean isInnerClosed;

    Timeout(Future<T> inner, Sleep delay, Duration duration) {
        this.inner = inner;
        this.delay = delay;
        this.duration = duration;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Poll<T> p = inner.poll(cx);
        if (p.isReady()) {
            delay.close();
            return p;
        }
        if (!delay.pollElapsed(cx)) {
            return Poll.pending();
        }
        Elapsed elapsed = new Elapsed(duration);
        try {
            closeInner();
        } catch (Exception e) {
            elapsed.addSuppressed(e);
        }
        throw elapsed;
    }

    /** Cancels the timer and closes the inner future if it is AutoCloseable and not yet closed. */
    @Override
    public void close() throws Exception {
        delay.close();
        closeInner();
    }

    private void closeInner() throws Exception {
        if (!isInnerClosed && inner instanceof AutoCloseable closeable) {
            isInnerClosed = true;
            closeable.close();
        }
    }
}
