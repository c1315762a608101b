package dev.weft.bench.fanout;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters the connections update and the coordinator reads; all thread-safe. */
final class FanoutStats {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger ready = new AtomicInteger();
    final LongAdder connectErrors = new LongAdder();
    final LongAdder closedEarly = new LongAdder();
    final LongAdder replyErrors = new LongAdder();
    final LongAdder published = new LongAdder();
    /** The first error reply before a subscription was confirmed, for the report. */
    final AtomicReference<String> firstError = new AtomicReference<>();
    final AtomicReference<String> lastClose = new AtomicReference<>();
}
