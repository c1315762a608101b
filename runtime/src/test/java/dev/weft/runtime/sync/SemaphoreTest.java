package dev.weft.runtime.sync;

import dev.weft.runtime.Context;
import dev.weft.runtime.JoinException;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemaphoreTest {

    @Test
    void tryAcquireTakesFreePermitsOnly() {
        Semaphore s = new Semaphore(2);
        assertThat(s.tryAcquire(2)).isTrue();
        assertThat(s.tryAcquire(1)).isFalse();
        s.release(1);
        assertThat(s.tryAcquire(1)).isTrue();
    }

    @Test
    void waitersAreServedInFifoOrderAndNewcomersDoNotBarge() {
        Semaphore s = new Semaphore(0);
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        var big = s.acquire(2);
        var small = s.acquire(1);
        assertThat(big.poll(wa.context()).isPending()).isTrue();
        assertThat(small.poll(wb.context()).isPending()).isTrue();
        s.release(1);
        assertThat(wa.wakes()).as("head waiter partially served, not woken").isZero();
        assertThat(wb.wakes()).as("later waiter must not overtake").isZero();
        assertThat(s.tryAcquire(1)).as("newcomer must not barge").isFalse();
        s.release(2);
        assertThat(wa.wakes()).isEqualTo(1);
        assertThat(wb.wakes()).isEqualTo(1);
        assertThat(big.poll(wa.context()).isReady()).isTrue();
        assertThat(small.poll(wb.context()).isReady()).isTrue();
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void closeFailsWaitersAndLaterAcquires() {
        Semaphore s = new Semaphore(0);
        CountingWaker w = new CountingWaker();
        var waiting = s.acquire(1);
        waiting.poll(w.context());
        s.close();
        assertThat(w.wakes()).isEqualTo(1);
        assertThatThrownBy(() -> waiting.poll(w.context()))
                .isInstanceOf(SemaphoreClosedException.class)
                .hasMessage("semaphore closed while acquiring 1 permit(s)");
        assertThatThrownBy(() -> s.acquire(1).poll(w.context())).isInstanceOf(SemaphoreClosedException.class);
        assertThat(s.tryAcquire(1)).isFalse();
    }

    @Test
    void abortedWaiterGrantedMeanwhilePassesPermitOn() {
        Semaphore s = new Semaphore(0);
        Context cx = new CountingWaker().context();
        var first = s.acquire(1);
        var second = s.acquire(1);
        first.poll(cx);
        second.poll(cx);
        s.release(1);
        first.close();
        assertThat(second.poll(cx).isReady()).isTrue();
    }

    @Test
    void abortedWaiterWithPartialGrantReturnsIt() {
        Semaphore s = new Semaphore(0);
        var waiting = s.acquire(3);
        waiting.poll(new CountingWaker().context());
        s.release(2);
        waiting.close();
        assertThat(s.availablePermits()).isEqualTo(2);
        assertThat(s.tryAcquire(2)).as("fast path usable again once nobody waits").isTrue();
    }

    @Test
    void abortingWaitingTaskReleasesItsPlaceOnRuntime() throws Exception {
        try (Runtime rt = Runtime.builder().workers(2).build()) {
            Semaphore s = new Semaphore(1);
            assertThat(s.tryAcquire(1)).isTrue();
            JoinHandle<Void> waiter = rt.spawn(s.acquire(1));
            Thread.sleep(20);
            waiter.abort();
            assertThatThrownBy(waiter::join).isInstanceOf(JoinException.class);
            s.release(1);
            assertThat(s.availablePermits()).as("no permit leaked to the aborted waiter").isEqualTo(1);
            JoinHandle<Void> next = rt.spawn(s.acquire(1));
            next.join(Duration.ofSeconds(5));
        }
    }
}
