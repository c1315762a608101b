package dev.weft.runtime.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An unbounded multi-producer single-consumer linked queue: Dmitry Vyukov's non-intrusive MPSC
 * node queue (1024cores.net, "Non-intrusive MPSC node-based queue"), as in JCTools'
 * {@code MpscLinkedQueue}.
 *
 * <p>Thread roles: any number of producers call {@link #offer}; one consumer at a time calls
 * {@link #poll} / {@link #pollOrBusy}. Progress: {@code offer} is wait-free (one swap and one
 * store); the consumer is lock-free except in one window: a producer that has swapped
 * {@link #tail} but not yet linked {@code prev.next} hides every later element. {@link #poll}
 * spins through that window (so it is linearizable), {@link #pollOrBusy} reports {@link #BUSY}
 * instead (the producer's subsequent wake-up covers the caller).
 *
 * <p>Elements may be null (they are boxed in nodes). Not a {@code java.util.Queue}.
 *
 * <h2>Protocol</h2>
 * <ol>
 *   <li>offer: allocate node n; {@code prev = xchg(tail, n)}; {@code prev.next = n} (release).</li>
 *   <li>poll: {@code next = head.next} (acquire); if non-null, take {@code next.value}, make
 *       {@code next} the new (dummy) head.</li>
 *   <li>If {@code next} is null and {@code tail != head}, step 1 is half done: busy.</li>
 * </ol>
 * Correct because the swap totally orders producers, so the list is one chain from head to tail,
 * and the release store of {@code next} publishes the node's value to the consumer.
 */
final class MpscQueue<T> {

    /** Returned by {@link #pollOrBusy} when a producer is between swap and link. */
    static final Object BUSY = new Object();
    /** Returned by {@link #poll} and {@link #pollOrBusy} when the queue is empty. */
    static final Object EMPTY = new Object();

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(MpscQueue.class, "tail", Node.class);
            NEXT = l.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Node<T> {
        /** Written by the producer before publishing; cleared by the consumer after taking it. */
        T value;
        /** Written once by the producer that swapped the following node in (release); read by the consumer (acquire). */
        volatile Node<T> next;

        Node(T value) {
            this.value = value;
        }
    }

    /** Consumer only: the dummy node before the first element. */
    private Node<T> head;
    /** Producers swap it; the consumer reads it to tell empty from busy. */
    private volatile Node<T> tail;

    MpscQueue() {
        Node<T> dummy = new Node<>(null);
        head = dummy;
        tail = dummy;
    }

    /** Appends {@code value}; any thread, wait-free. */
    void offer(T value) {
        Node<T> n = new Node<>(value);
        // ordering: volatile swap; orders this producer against all others (step 1).
        @SuppressWarnings("unchecked")
        Node<T> prev = (Node<T>) TAIL.getAndSet(this, n);
        // ordering: release; publishes n.value before the consumer sees n. Pairs with the
        // acquire load in pollOrBusy().
        NEXT.setRelease(prev, n);
    }

    /** Consumer only: the first element, or EMPTY. Spins while a producer is mid-offer. */
    Object poll() {
        Object v;
        while ((v = pollOrBusy()) == BUSY) {
            Thread.onSpinWait();
        }
        return v;
    }

    /** Consumer only: the first element, EMPTY, or BUSY (step 3). */
    Object pollOrBusy() {
        Node<T> h = head;
        // ordering: acquire; pairs with the release store in offer(), so value is visible.
        @SuppressWarnings("unchecked")
        Node<T> next = (Node<T>) NEXT.getAcquire(h);
        if (next == null) {
            // ordering: volatile read; a tail other than head means a swap preceded us.
            return tail == h ? EMPTY : BUSY;
        }
        T value = next.value;
        next.value = null;
        head = next;
        return value;
    }

    /** Consumer only: whether no element is linked after head (a mid-offer element counts as absent). */
    boolean isEmpty() {
        // ordering: acquire; see pollOrBusy().
        return NEXT.getAcquire(head) == null;
    }
}
