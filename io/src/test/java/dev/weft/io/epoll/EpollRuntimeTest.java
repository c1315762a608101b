package dev.weft.io.epoll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A multi-thread runtime whose workers park in epoll. */
class EpollRuntimeTest {

    private static final Duration JOIN = Duration.ofSeconds(30);

    /** Yields {@code n} times, then completes with the number of polls it took. */
    private static Future<Integer> yieldTimes(int n) {
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

    @Test
    void runtimeOnEpollRunsSpawnsSleepsAndRemoteSpawnsThenReleasesFds() throws Exception {
        var beforeList = Fds.describe();
        long before = Fds.open();
        try (Runtime rt = Runtime.builder().workers(2).drivers(EpollDriver.factory()).build()) {
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                handles.add(rt.spawn(yieldTimes(i % 5)));
            }
            for (int i = 0; i < handles.size(); i++) {
                assertThat(handles.get(i).join(JOIN)).as("task %d", i).isEqualTo(i % 5 + 1);
            }

            long t0 = System.nanoTime();
            JoinHandle<Long> sleeper = rt.spawn(new Future<Long>() {
                Future<?> sleep;

                @Override
                public Poll<Long> poll(Context cx) {
                    if (sleep == null) {
                        sleep = Time.sleep(Duration.ofMillis(20));
                    }
                    if (sleep.poll(cx) instanceof Poll.Pending) {
                        return Poll.pending();
                    }
                    return Poll.ready(System.nanoTime() - t0);
                }
            });
            long sleptNanos = sleeper.join(JOIN);
            assertThat(sleptNanos).as("slept %d ns", sleptNanos)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());

            // Workers are idle now and parked in epoll_wait; remote spawns must wake them.
            for (int round = 0; round < 50; round++) {
                Thread.sleep(2);
                JoinHandle<Integer> h = rt.spawn(yieldTimes(3));
                assertThat(h.join(JOIN)).as("remote spawn %d", round).isEqualTo(4);
            }
        }
        // Runtime.close() returns after every worker closed its driver: no waiting here.
        var after = new ArrayList<>(Fds.describe());
        after.removeAll(beforeList);
        assertThat(Fds.open()).as("fds back to baseline after close; new: %s", after).isEqualTo(before);
    }
}
