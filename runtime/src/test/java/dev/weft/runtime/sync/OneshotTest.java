package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OneshotTest {

    @Test
    void sentValueIsReceived() {
        var ch = Oneshot.<String>channel();
        CountingWaker w = new CountingWaker();
        Context cx = w.context();
        assertThat(ch.receiver().poll(cx).isPending()).isTrue();
        assertThat(ch.sender().send("hi")).isTrue();
        assertThat(w.wakes()).as("wakes after send").isEqualTo(1);
        assertThat(ch.receiver().poll(cx).value()).isEqualTo("hi");
    }

    @Test
    void nullValueIsDeliveredAsValue() {
        var ch = Oneshot.<String>channel();
        ch.sender().send(null);
        assertThat(ch.receiver().poll(new CountingWaker().context())).isEqualTo(Poll.ready(null));
    }

    @Test
    void closingSenderWakesReceiverWithClosed() {
        var ch = Oneshot.<String>channel();
        CountingWaker w = new CountingWaker();
        assertThat(ch.receiver().poll(w.context()).isPending()).isTrue();
        ch.sender().close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThatThrownBy(() -> ch.receiver().poll(w.context()))
                .isInstanceOf(ChannelClosedException.class)
                .hasMessage("oneshot sender closed without sending a value");
    }

    @Test
    void closingReceiverFailsSendAndCompletesClosedFuture() {
        var ch = Oneshot.<String>channel();
        CountingWaker w = new CountingWaker();
        var closed = ch.sender().closed();
        assertThat(closed.poll(w.context()).isPending()).isTrue();
        ch.receiver().close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThat(closed.poll(w.context()).isReady()).isTrue();
        assertThat(ch.sender().isClosed()).isTrue();
        assertThat(ch.sender().send("lost")).isFalse();
    }

    @Test
    void secondSendIsRejected() {
        var ch = Oneshot.<Integer>channel();
        ch.sender().send(1);
        assertThatThrownBy(() -> ch.sender().send(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingSenderAfterSendStillDeliversValue() {
        var ch = Oneshot.<Integer>channel();
        ch.sender().send(7);
        ch.sender().close();
        assertThat(ch.receiver().poll(new CountingWaker().context()).value()).isEqualTo(7);
    }

    @Test
    void valueCrossesTasksOnRuntime() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            for (int i = 0; i < 200; i++) {
                var ch = Oneshot.<Integer>channel();
                JoinHandle<Integer> rx = rt.spawn(ch.receiver());
                final int v = i;
                rt.spawn(cx -> Poll.ready(ch.sender().send(v)));
                assertThat(rx.join()).isEqualTo(i);
            }
        }
    }

    @Test
    void senderTaskEndingWithoutSendFailsReceiverTask() {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            var ch = Oneshot.<Integer>channel();
            JoinHandle<Integer> rx = rt.spawn(ch.receiver());
            rt.spawn(cx -> {
                ch.sender().close();
                return Poll.readyVoid();
            }).join();
            assertThatThrownBy(rx::join).hasRootCauseInstanceOf(ChannelClosedException.class);
        }
    }
}
