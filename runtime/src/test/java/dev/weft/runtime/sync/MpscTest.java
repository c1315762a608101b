package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MpscTest {

    @Test
    void trySendReportsFullAtCapacity() {
        var ch = Mpsc.<Integer>bounded(2);
        assertThat(ch.sender().trySend(1)).isEqualTo(TrySend.SENT);
        assertThat(ch.sender().trySend(2)).isEqualTo(TrySend.SENT);
        assertThat(ch.sender().trySend(3)).isEqualTo(TrySend.FULL);
        assertThat(ch.receiver().tryRecv()).isEqualTo(new Recv.Item<>(1));
        assertThat(ch.sender().trySend(3)).isEqualTo(TrySend.SENT);
    }

    @Test
    void boundedSendWaitsAndResumesWhenCapacityFrees() {
        var ch = Mpsc.<Integer>bounded(1);
        CountingWaker w = new CountingWaker();
        Context cx = w.context();
        assertThat(ch.sender().send(1).poll(cx).isReady()).isTrue();
        Future<Void> second = ch.sender().send(2);
        assertThat(second.poll(cx).isPending()).as("second send waits for a slot").isTrue();
        assertThat(ch.receiver().tryRecv()).isEqualTo(new Recv.Item<>(1));
        assertThat(w.wakes()).as("freeing a slot wakes the waiting sender").isEqualTo(1);
        assertThat(second.poll(cx).isReady()).isTrue();
        assertThat(ch.receiver().tryRecv()).isEqualTo(new Recv.Item<>(2));
    }

    @Test
    void waitingSendersAreServedInFifoOrder() {
        var ch = Mpsc.<Integer>bounded(1);
        Context cx = new CountingWaker().context();
        ch.sender().trySend(0);
        List<Future<Void>> sends = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Future<Void> s = ch.sender().send(i);
            assertThat(s.poll(cx).isPending()).isTrue();
            sends.add(s);
        }
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(((Recv.Item<Integer>) ch.receiver().tryRecv()).value());
            sends.removeIf(s -> s.poll(cx).isReady());
        }
        assertThat(got).containsExactly(0, 1, 2, 3);
    }

    @Test
    void closingLastSenderEndsStreamAfterBufferedValues() {
        var ch = Mpsc.<String>unbounded();
        CountingWaker w = new CountingWaker();
        var second = ch.sender().clone();
        second.trySend("a");
        ch.sender().close();
        assertThat(ch.receiver().pollRecv(w.context()).value()).isEqualTo(new Recv.Item<>("a"));
        assertThat(ch.receiver().pollRecv(w.context()).isPending()).as("one sender still open").isTrue();
        second.close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThat(ch.receiver().pollRecv(w.context()).value()).isInstanceOf(Recv.Closed.class);
    }

    @Test
    void nullValuesAreDistinctFromEndOfStream() {
        var ch = Mpsc.<String>unbounded();
        ch.sender().trySend(null);
        ch.sender().close();
        assertThat(ch.receiver().tryRecv()).isEqualTo(new Recv.Item<String>(null));
        assertThat(ch.receiver().tryRecv()).isInstanceOf(Recv.Closed.class);
    }

    @Test
    void closingReceiverFailsWaitingAndLaterSends() {
        var ch = Mpsc.<Integer>bounded(1);
        CountingWaker w = new CountingWaker();
        ch.sender().trySend(1);
        Future<Void> waiting = ch.sender().send(2);
        assertThat(waiting.poll(w.context()).isPending()).isTrue();
        ch.receiver().close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThatThrownBy(() -> waiting.poll(w.context()))
                .isInstanceOf(ChannelClosedException.class)
                .hasMessage("mpsc receiver closed; value not sent");
        assertThat(ch.sender().trySend(3)).isEqualTo(TrySend.CLOSED);
        assertThat(ch.receiver().tryRecv()).as("buffered value still received").isEqualTo(new Recv.Item<>(1));
        assertThat(ch.receiver().tryRecv()).isInstanceOf(Recv.Closed.class);
    }

    @Test
    void abortedWaitingSenderPassesItsSlotOn() throws Exception {
        var ch = Mpsc.<Integer>bounded(1);
        Context cx = new CountingWaker().context();
        ch.sender().trySend(0);
        Future<Void> first = ch.sender().send(1);
        Future<Void> second = ch.sender().send(2);
        first.poll(cx);
        second.poll(cx);
        ch.receiver().tryRecv(); // grants the slot to first
        ((AutoCloseable) first).close(); // first's task is aborted before it saw the grant
        assertThat(second.poll(cx).isReady()).as("slot passed on to the next sender").isTrue();
        assertThat(ch.receiver().tryRecv()).isEqualTo(new Recv.Item<>(2));
    }

    @Test
    void manyProducersDeliverEverythingInPerSenderOrderOnRuntime() {
        int producers = 4;
        int perProducer = 5_000;
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            var ch = Mpsc.<Integer>bounded(16);
            JoinHandle<List<Integer>> consumer = rt.spawn(Tasks.collectAll(ch.receiver()));
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                var tx = p == producers - 1 ? ch.sender() : ch.sender().clone();
                hs.add(rt.spawn(Tasks.produce(tx, p * 1_000_000, perProducer)));
            }
            hs.forEach(JoinHandle::join);
            List<Integer> got = consumer.join();
            assertThat(got).hasSize(producers * perProducer);
            int[] last = new int[producers];
            java.util.Arrays.fill(last, -1);
            for (int v : got) {
                int p = v / 1_000_000;
                int i = v % 1_000_000;
                assertThat(i).as("FIFO per sender %d", p).isEqualTo(last[p] + 1);
                last[p] = i;
            }
        }
    }

    @Test
    void unboundedChannelCarriesValuesBetweenTasks() {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            var ch = Mpsc.<Integer>unbounded();
            JoinHandle<List<Integer>> consumer = rt.spawn(Tasks.collectAll(ch.receiver()));
            rt.spawn(Tasks.produce(ch.sender(), 0, 10_000));
            assertThat(rt.blockOn(consumer)).hasSize(10_000).startsWith(0, 1, 2).endsWith(9_999);
        }
    }

    @Test
    void sendAfterSenderCloseIsRejected() {
        var ch = Mpsc.<Integer>unbounded();
        ch.sender().close();
        assertThatThrownBy(() -> ch.sender().trySend(1)).isInstanceOf(IllegalStateException.class);
        assertThat(Poll.ready(1).isReady()).isTrue();
    }
}
