package dev.weft.bench.fanout;

import dev.weft.bench.loadgen.MachineCpu;
import dev.weft.bench.proc.ClockTicks;
import dev.weft.bench.proc.CpuSample;
import dev.weft.bench.proc.ProcStatus;
import dev.weft.io.IoConfig;
import dev.weft.io.IoDrivers;
import dev.weft.io.IoSelection;
import dev.weft.io.buffer.BufferPool;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.websocket.client.WebSocketClient;
import dev.weft.websocket.session.SendStatus;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The fan-out scenario: {@code subscribers} WebSocket connections, each on
 * {@code subsPerConnection} of the {@code channels} channels (spread as {@link FanoutConfig} says),
 * one publisher connection sending to the channels in turn, and per publication the
 * count of subscribers it reached. Phases: connect and subscribe (every subscription confirmed,
 * or the run fails), warm-up, the measured window; the server's CPU time and RSS are read at
 * the window's edges.
 *
 * <p>Open loop ({@code rate > 0}): publications are due at fixed intervals and carry their due
 * time, so a stalled server shows as latency rather than as fewer, later publications
 * (coordinated omission). Closed loop: at most {@code inflight} publications not yet at their
 * last subscriber.
 */
public final class FanoutLoad {
    private static final long SUBSCRIBE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** A closed-loop publication that reaches nobody new for this long fails the run. */
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private FanoutLoad() {
    }

    public static FanoutResult run(FanoutConfig config, PrintStream progress) throws InterruptedException {
        IoSelection selection = IoDrivers.select(config.io());
        ClockTicks.perSecond();
        FanoutStats stats = new FanoutStats();
        Semaphore window = new Semaphore(config.inflight());
        Deliveries deliveries = new Deliveries(window::release);
        try (BufferPool pool = new BufferPool();
             Runtime rt = Runtime.builder().workers(config.workers()).threadName("fanout")
                     .drivers(IoDrivers.factory(selection.backend(), IoConfig.defaults(pool)))
                     .shutdownTimeout(Duration.ofSeconds(5)).build()) {
            List<JoinHandle<Void>> tasks = new ArrayList<>(config.subscribers() + 1);
            FanoutConnection publisher = FanoutConnection.publisher(config, deliveries, stats);
            tasks.add(rt.spawn(connect(config, pool, publisher, stats)));
            long start = System.nanoTime();
            long ramp = config.ramp().toNanos();
            for (int i = 0; i < config.subscribers(); i++) {
                waitUntil(start + ramp * i / config.subscribers());
                FanoutConnection sub = FanoutConnection.subscriber(config, i, deliveries, stats);
                tasks.add(rt.spawn(connect(config, pool, sub, stats)));
            }
            awaitSubscribed(config, stats, progress, start);

            Publisher pub = new Publisher(config, publisher.session(), deliveries, stats, window);
            Thread publishing = Thread.ofPlatform().name("fanout-publisher").daemon().start(pub);
            long measureStart = System.nanoTime() + config.warmup().toNanos();
            report(progress, "warm-up", stats, deliveries, measureStart, pub);
            deliveries.deliveryNanos.reset();
            deliveries.lastDeliveryNanos.reset();
            long deliveriesBefore = deliveries.deliveries.sum();
            long completedBefore = deliveries.completed.sum();
            long publishedBefore = stats.published.sum();
            int subscribedAtStart = stats.ready.get() - 1;
            long self = ProcessHandle.current().pid();
            MachineCpu machineBefore = MachineCpu.read();
            CpuSample selfBefore = CpuSample.take(self);
            CpuSample serverBefore = config.watchPid() == 0 ? null : CpuSample.take(config.watchPid());
            report(progress, "measure", stats, deliveries, selfBefore.wallNanos() + config.duration().toNanos(), pub);
            Histogram each = deliveries.deliveryNanos.getIntervalHistogram();
            Histogram last = deliveries.lastDeliveryNanos.getIntervalHistogram();
            long delivered = deliveries.deliveries.sum() - deliveriesBefore;
            long completed = deliveries.completed.sum() - completedBefore;
            long published = stats.published.sum() - publishedBefore;
            CpuSample.Span selfSpan = CpuSample.take(self).since(selfBefore);
            double machineCores = MachineCpu.read().coresBusySince(machineBefore);
            CpuSample.Span serverSpan = serverBefore == null ? null : CpuSample.take(config.watchPid()).since(serverBefore);
            long serverRss = config.watchPid() == 0 ? 0 : ProcStatus.read(config.watchPid()).vmRssBytes();
            int openAtEnd = stats.open.get();
            long closedEarly = stats.closedEarly.sum();

            pub.stop();
            publishing.join(TimeUnit.SECONDS.toMillis(5));
            long lost = drainLost(deliveries, pub, config);
            if (pub.failure != null) {
                progress.println("fanout: " + pub.failure);
            }
            for (JoinHandle<Void> t : tasks) {
                t.abort();
            }
            long serverCpu = serverSpan == null ? 0 : serverSpan.cpuNanos();
            double seconds = selfSpan.wallNanos() / 1e9;
            return new FanoutResult(selection.backend().label(), config.protocol().cliName(), config.subscribers(),
                    config.channels(), config.subsPerConnection(), config.messageBytes(), config.ratePerSecond(), subscribedAtStart, openAtEnd,
                    selfSpan.wallNanos(), published, delivered, completed, delivered / seconds,
                    micros(each, 50), micros(each, 99), micros(each, 99.9), each.getMaxValue() / 1e3,
                    micros(last, 50), micros(last, 99), last.getMaxValue() / 1e3,
                    stats.connectErrors.sum(), closedEarly, stats.replyErrors.sum(), deliveries.unattributed.sum(),
                    deliveries.excess.sum(), lost, selfSpan.cpuNanos(), selfSpan.coresUsed(), config.watchPid(), serverCpu,
                    delivered == 0 ? 0 : (double) serverCpu / delivered,
                    delivered == 0 || serverSpan == null ? 0 : (double) serverSpan.systemNanos() / delivered,
                    serverSpan == null ? 0 : serverSpan.coresUsed(), serverRss, machineCores);
        }
    }

    /** Gives publications still on their way a second to arrive; what is still owed then is lost. */
    private static long drainLost(Deliveries deliveries, Publisher pub, FanoutConfig config) throws InterruptedException {
        long expected = pub.expectedDeliveries;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (deliveries.deliveries.sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return Math.max(0, expected - deliveries.deliveries.sum());
    }

    private static Future<Void> connect(FanoutConfig config, BufferPool pool, FanoutConnection handler, FanoutStats stats) {
        Future<WebSocketSession> connect = WebSocketClient.connect(config.target().getHostString(),
                config.target().getPort(), config.path(), pool, WebSocketOptions.defaults(), handler);
        return cx -> {
            try {
                return connect.poll(cx) instanceof Poll.Ready<WebSocketSession> ? Poll.ready(null) : Poll.pending();
            } catch (RuntimeException e) {
                stats.connectErrors.increment();
                return Poll.ready(null);
            }
        };
    }

    private static void awaitSubscribed(FanoutConfig config, FanoutStats stats, PrintStream progress, long start) {
        int want = config.subscribers() + 1;
        long deadline = start + config.ramp().toNanos() + SUBSCRIBE_TIMEOUT_NANOS;
        long nextPrint = 0;
        while (stats.ready.get() < want) {
            long now = System.nanoTime();
            if (stats.connectErrors.sum() > 0 || stats.replyErrors.sum() > 0 || now > deadline) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "only %d of %d connections subscribed (%d connect errors, %d error replies%s%s)",
                        stats.ready.get(), want, stats.connectErrors.sum(), stats.replyErrors.sum(),
                        stats.firstError.get() == null ? "" : ", first: " + stats.firstError.get(),
                        stats.lastClose.get() == null ? "" : ", last close: " + stats.lastClose.get()));
            }
            if (now >= nextPrint) {
                progress.printf(Locale.ROOT, "[subscribe] %d/%d ready, %d open%n", stats.ready.get(), want, stats.open.get());
                nextPrint = now + TimeUnit.SECONDS.toNanos(1);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Prints a progress line each second until {@code until}; fails early if the publisher failed. */
    private static void report(PrintStream progress, String phase, FanoutStats stats, Deliveries deliveries, long until,
                               Publisher pub) {
        long lastDeliveries = deliveries.deliveries.sum();
        long lastTime = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now >= until || pub.failure != null) {
                return;
            }
            LockSupport.parkNanos(Math.min(until - now, TimeUnit.SECONDS.toNanos(1)));
            long d = deliveries.deliveries.sum();
            long t = System.nanoTime();
            progress.printf(Locale.ROOT, "[%s] %d open, %,.0f deliveries/s, %d published, %d closed%n", phase,
                    stats.open.get(), (d - lastDeliveries) / ((t - lastTime) / 1e9), stats.published.sum(),
                    stats.closedEarly.sum());
            lastDeliveries = d;
            lastTime = t;
        }
    }

    private static void waitUntil(long deadline) {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e3;
    }

    /** Sends the publications, on a platform thread of its own. */
    private static final class Publisher implements Runnable {
        private final FanoutConfig config;
        private final WebSocketSession session;
        private final Deliveries deliveries;
        private final FanoutStats stats;
        private final Semaphore window;
        private volatile boolean isStopped;
        volatile String failure;
        /** Publisher thread writes; the coordinator reads after join. */
        volatile long expectedDeliveries;

        Publisher(FanoutConfig config, WebSocketSession session, Deliveries deliveries, FanoutStats stats,
                  Semaphore window) {
            this.config = config;
            this.session = session;
            this.deliveries = deliveries;
            this.stats = stats;
            this.window = window;
        }

        void stop() {
            isStopped = true;
        }

        @Override
        public void run() {
            long interval = config.ratePerSecond() == 0 ? 0 : 1_000_000_000L / config.ratePerSecond();
            long next = System.nanoTime();
            long expected = 0;
            try {
                for (long seq = 0; !isStopped; seq++) {
                    long intended;
                    if (interval == 0) {
                        if (!window.tryAcquire(STALL_NANOS, TimeUnit.NANOSECONDS)) {
                            failure = "closed loop stalled: no publication reached its last subscriber in "
                                    + STALL_NANOS / 1_000_000_000 + " s";
                            return;
                        }
                        intended = System.nanoTime();
                    } else {
                        waitUntil(next);
                        intended = next;
                        next += interval;
                    }
                    int ch = config.channelOfPublication(seq);
                    int subscribers = config.subscribersOn(ch);
                    deliveries.arm(seq, intended, subscribers);
                    expected += subscribers;
                    expectedDeliveries = expected;
                    String body = FanoutWire.body(seq, intended, config.messageBytes());
                    String channel = FanoutConfig.channel(ch);
                    SendStatus sent = session.sendText(config.protocol() == FanoutProtocol.CENTRIFUGO
                            ? FanoutWire.centrifugoPublish(seq + 10, channel, body)
                            : FanoutWire.plainPublish(channel, body));
                    if (!sent.isQueued()) {
                        failure = "the publisher's connection refused publication " + seq + ": " + sent
                                + " (the server reads publications slower than --rate)";
                        return;
                    }
                    stats.published.increment();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
