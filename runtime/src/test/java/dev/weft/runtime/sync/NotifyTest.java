package dev.weft.runtime.sync;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyTest {

    @Test
    void notifyOneWithoutWaiterStoresOnePermit() {
        Notify n = new Notify();
        n.notifyOne();
        n.notifyOne();
        CountingWaker w = new CountingWaker();
        assertThat(n.notified().poll(w.context()).isReady()).isTrue();
        assertThat(n.notified().poll(w.context()).isPending()).as("at most one permit stored").isTrue();
    }

    @Test
    void notifyOneWakesOldestWaiterOnly() {
        Notify n = new Notify();
        CountingWaker a = new CountingWaker();
        CountingWaker b = new CountingWaker();
        var fa = n.notified();
        var fb = n.notified();
        fa.poll(a.context());
        fb.poll(b.context());
        n.notifyOne();
        assertThat(a.wakes()).isEqualTo(1);
        assertThat(b.wakes()).isZero();
        assertThat(fa.poll(a.context()).isReady()).isTrue();
        assertThat(fb.poll(b.context()).isPending()).isTrue();
    }

    @Test
    void notifyWaitersWakesAllIncludingUnpolledButStoresNoPermit() {
        Notify n = new Notify();
        CountingWaker a = new CountingWaker();
        var polled = n.notified();
        var unpolled = n.notified();
        polled.poll(a.context());
        n.notifyWaiters();
        assertThat(a.wakes()).isEqualTo(1);
        assertThat(polled.poll(a.context()).isReady()).isTrue();
        assertThat(unpolled.poll(a.context()).isReady()).as("created before notifyWaiters").isTrue();
        assertThat(n.notified().poll(a.context()).isPending()).as("no permit stored").isTrue();
    }

    @Test
    void abortedWaiterPassesItsNotificationOn() {
        Notify n = new Notify();
        CountingWaker a = new CountingWaker();
        CountingWaker b = new CountingWaker();
        var fa = n.notified();
        var fb = n.notified();
        fa.poll(a.context());
        fb.poll(b.context());
        n.notifyOne();
        fa.close();
        assertThat(b.wakes()).isEqualTo(1);
        assertThat(fb.poll(b.context()).isReady()).isTrue();
    }
}
