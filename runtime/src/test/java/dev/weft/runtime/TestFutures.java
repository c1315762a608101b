package dev.weft.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/** Small hand-written futures the runtime tests share. */
final class TestFutures {

    private TestFutures() {}

    /** Yields {@code n} times, then completes with the number of polls it took. */
    static Future<Integer> yieldTimes(int n) {
        return new Future<>() {
            int left = n;
            int polls;

            @Override
            public Poll<Integer> poll(Context cx) {
                polls++;
                if (left-- > 0) {
                    return cx.yieldNow();
                }
                return Poll.ready(polls);
            }
        };
    }

    /** Never completes; counts its polls and registers {@code cleanup}. */
    static Future<Void> pendingForever(AtomicInteger polls, AutoCloseable cleanup) {
        return cx -> {
            if (polls.getAndIncrement() == 0 && cleanup != null) {
                cx.registerCleanup(cleanup);
            }
            return Poll.pending();
        };
    }

    /** Waits until {@code flag} is set by anyone, re-polling through yields. */
    static Future<Void> spinUntil(java.util.concurrent.atomic.AtomicBoolean flag) {
        return cx -> flag.get() ? Poll.readyVoid() : cx.yieldNow();
    }
}
