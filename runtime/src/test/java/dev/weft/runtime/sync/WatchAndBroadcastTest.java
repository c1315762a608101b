package dev.weft.runtime.sync;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchAndBroadcastTest {

    @Test
    void watchReceiverSeesLatestValueAndChangedCompletesOnce() {
        var ch = Watch.channel("v0");
        CountingWaker w = new CountingWaker();
        var changed = ch.receiver().changed();
        assertThat(changed.poll(w.context()).isPending()).isTrue();
        ch.sender().send("v1");
        ch.sender().send("v2");
        assertThat(w.wakes()).isEqualTo(1);
        assertThat(changed.poll(w.context()).isReady()).isTrue();
        assertThat(ch.receiver().borrow()).isEqualTo("v2");
        assertThat(ch.receiver().changed().poll(w.context()).isPending()).as("v2 already seen").isTrue();
    }

    @Test
    void watchSenderCloseFailsChangedWithClosed() {
        var ch = Watch.channel(1);
        CountingWaker w = new CountingWaker();
        var changed = ch.receiver().changed();
        changed.poll(w.context());
        ch.sender().close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThatThrownBy(() -> changed.poll(w.context())).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void broadcastDeliversEveryValueToEveryReceiver() {
        var ch = Broadcast.<Integer>channel(4);
        var second = ch.sender().subscribe();
        CountingWaker w = new CountingWaker();
        ch.sender().send(1);
        ch.sender().send(2);
        for (var rx : java.util.List.of(ch.receiver(), second)) {
            assertThat(rx.recv().poll(w.context()).value()).isEqualTo(new Recv.Item<>(1));
            assertThat(rx.recv().poll(w.context()).value()).isEqualTo(new Recv.Item<>(2));
        }
    }

    @Test
    void laggingBroadcastReceiverGetsLaggedAndSkipsAhead() {
        var ch = Broadcast.<Integer>channel(2);
        CountingWaker w = new CountingWaker();
        for (int i = 0; i < 5; i++) {
            ch.sender().send(i);
        }
        assertThat(ch.receiver().recv().poll(w.context()).value()).isEqualTo(new BroadcastRecv.Lagged<>(3));
        assertThat(ch.receiver().recv().poll(w.context()).value()).isEqualTo(new Recv.Item<>(3));
        assertThat(ch.receiver().recv().poll(w.context()).value()).isEqualTo(new Recv.Item<>(4));
    }

    @Test
    void closingBroadcastSenderEndsReceiversAfterDraining() {
        var ch = Broadcast.<Integer>channel(2);
        CountingWaker w = new CountingWaker();
        assertThat(ch.receiver().recv().poll(w.context()).isPending()).isTrue();
        ch.sender().send(9);
        ch.sender().close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThat(ch.receiver().recv().poll(w.context()).value()).isEqualTo(new Recv.Item<>(9));
        assertThat(ch.receiver().recv().poll(w.context()).value()).isInstanceOf(Recv.Closed.class);
    }
}
