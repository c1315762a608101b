package dev.weft.runtime.scheduler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The global injection queue: unbounded, lock-free, multi-producer multi-consumer. Spawns and
 * wakes from outside the runtime, and local-queue overflow, land here; workers pull batches.
 *
 * <p>Algorithm: Michael and Scott's non-blocking queue (PODC 1996) with a dummy head node,
 * extended with {@link #pushBatch} that links a pre-built chain with one CAS (the chain's last
 * node becomes the new tail; helpers advance the tail one node at a time). The JVM's garbage
 * collector rules out ABA on nodes. Lock-free: a CAS fails only when another thread's succeeded.
 * After {@link #close()} pushes are refused, so nothing is stranded behind a stopped runtime.
 *
 * <p>Thread roles: any thread pushes and pops. {@link #len()} is approximate (it is updated
 * after the link and before the unlink), good for sizing batches and for metrics only.
 *
 * <p>Unlike Tokio's mutex-protected inject list, no thread ever waits for another here.
 */
public final class InjectQueue<T> {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle LEN;
    private static final VarHandle CLOSED;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(InjectQueue.class, "head", Node.class);
            TAIL = l.findVarHandle(InjectQueue.class, "tail", Node.class);
            LEN = l.findVarHandle(InjectQueue.class, "len", long.class);
            CLOSED = l.findVarHandle(InjectQueue.class, "closed", boolean.class);
            NEXT = l.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Node<T> {
        /** Written before the node is linked; read by the popper that unlinks its predecessor. */
        T value;
        /** CAS from null once by the pusher that links after this node. */
        @SuppressWarnings("unused")
        volatile Node<T> next;

        Node(T value) {
            this.value = value;
        }
    }

    /** The dummy node; CAS by poppers. */
    @SuppressWarnings("unused")
    private volatile Node<T> head;
    /** The last node or one behind it; CAS by pushers and helpers. */
    @SuppressWarnings("unused")
    private volatile Node<T> tail;
    /** Approximate length; getAndAdd by pushers (after linking) and poppers (after unlinking). */
    @SuppressWarnings("unused")
    private volatile long len;
    /** Set once by close(); read by pushers. */
    @SuppressWarnings("unused")
    private volatile boolean closed;

    public InjectQueue() {
        Node<T> dummy = new Node<>(null);
        head = dummy;
        tail = dummy;
    }

    /** Appends {@code value}; returns false (and appends nothing) once the queue is closed. */
    public boolean push(T value) {
        Node<T> node = new Node<>(value);
        return link(node, node, 1);
    }

    /** Appends {@code values} in order with one linking CAS; false once closed. */
    public boolean pushBatch(T[] values) {
        if (values.length == 0) {
            return !isClosed();
        }
        Node<T> first = new Node<>(values[0]);
        Node<T> last = first;
        for (int i = 1; i < values.length; i++) {
            Node<T> n = new Node<>(values[i]);
            // ordering: plain; the chain is private until the linking CAS publishes it.
            NEXT.set(last, n);
            last = n;
        }
        return link(first, last, values.length);
    }

    @SuppressWarnings("unchecked")
    private boolean link(Node<T> first, Node<T> last, int count) {
        // ordering: volatile read; a push that starts after close() returns sees it. A push
        // racing with close may still land; the closer drains after closing (see Runtime close).
        if ((boolean) CLOSED.getVolatile(this)) {
            return false;
        }
        while (true) {
            Node<T> t = (Node<T>) TAIL.getAcquire(this);
            // ordering: acquire; pairs with the linking CAS of the pusher that appended to t.
            Node<T> next = (Node<T>) NEXT.getAcquire(t);
            if (next != null) {
                // Tail is behind: help it forward, then retry.
                // ordering: volatile CAS; helping only, failure means someone else moved the tail.
                TAIL.compareAndSet(this, t, next);
                continue;
            }
            // ordering: volatile CAS releases the chain's values and links to poppers,
            // which read them after an acquire load of next.
            if (NEXT.compareAndSet(t, null, first)) {
                TAIL.compareAndSet(this, t, last);
                LEN.getAndAdd(this, (long) count);
                return true;
            }
        }
    }

    /** Removes and returns the oldest value, or null when empty. */
    @SuppressWarnings("unchecked")
    public T pop() {
        while (true) {
            // ordering: acquire; pairs with the head CAS of the previous popper (its dummy is ours now).
            Node<T> h = (Node<T>) HEAD.getAcquire(this);
            // ordering: acquire; pairs with the linking CAS, so next.value is visible.
            Node<T> next = (Node<T>) NEXT.getAcquire(h);
            if (next == null) {
                return null;
            }
            // ordering: acquire; pairs with the pushers' tail CASes.
            Node<T> t = (Node<T>) TAIL.getAcquire(this);
            if (h == t) {
                // Tail lags behind a linked node: help before unlinking past it.
                // ordering: volatile CAS; helping only, failure means someone else moved the tail.
                TAIL.compareAndSet(this, t, next);
                continue;
            }
            T value = next.value;
            // ordering: volatile CAS claims next.value for this popper; pairs with other poppers' CASes.
            if (HEAD.compareAndSet(this, h, next)) {
                // next is the new dummy: drop its value so the queue does not retain it.
                // A racing popper that read it fails its CAS on head and discards the read.
                next.value = null;
                // ordering: volatile add; an approximate count, read opaque by len().
                LEN.getAndAdd(this, -1L);
                return value;
            }
        }
    }

    /**
     * Removes up to {@code max} of the oldest values with one CAS on the head and stores them in
     * {@code out[0..n)}; returns n (0 when empty).
     */
    @SuppressWarnings("unchecked")
    public int popBatch(T[] out, int max) {
        while (true) {
            // ordering: acquire; pairs with the head CAS of the previous popper (its dummy is ours now).
            Node<T> h = (Node<T>) HEAD.getAcquire(this);
            Node<T> t = (Node<T>) TAIL.getAcquire(this);
            // ordering: acquire along the chain; each link was published by a linking CAS.
            Node<T> first = (Node<T>) NEXT.getAcquire(h);
            if (first == null) {
                return 0;
            }
            if (h == t) {
                TAIL.compareAndSet(this, t, first);
                continue;
            }
            // The walk may pass the tail when it lags behind a batch link: a pusher that finds
            // the tail on an unlinked node sees its non-null next and helps it forward (link()),
            // and unlinked nodes keep their links, so the queue stays connected.
            Node<T> last = first;
            int n = 1;
            while (n < max) {
                Node<T> next = (Node<T>) NEXT.getAcquire(last);
                if (next == null) {
                    break;
                }
                last = next;
                n++;
            }
            // ordering: volatile CAS claims first..last for this popper; pairs with other poppers' CASes.
            if (HEAD.compareAndSet(this, h, last)) {
                Node<T> node = first;
                for (int i = 0; i < n; i++) {
                    out[i] = node.value;
                    Node<T> next = (Node<T>) NEXT.getAcquire(node);
                    if (i < n - 1) {
                        // Unlinked nodes are private now; drop their values early. The last one
                        // is the new dummy: a racing popper may still read it (see pop()).
                        node.value = null;
                    }
                    node = next;
                }
                last.value = null;
                // ordering: volatile add; an approximate count, read opaque by len().
                LEN.getAndAdd(this, (long) -n);
                return n;
            }
        }
    }

    /** Approximate number of values queued; never negative. */
    public long len() {
        long n = (long) LEN.getOpaque(this);
        return Math.max(n, 0);
    }

    /** Exact emptiness at the instant of the read of the head's link. */
    @SuppressWarnings("unchecked")
    public boolean isEmpty() {
        // ordering: acquire; pairs with the head CAS of the previous popper (its dummy is ours now).
        Node<T> h = (Node<T>) HEAD.getAcquire(this);
        return NEXT.getAcquire(h) == null;
    }

    /** Refuses every later push. Values already queued stay and can still be popped. */
    public void close() {
        // ordering: volatile store; pairs with the volatile read in link().
        CLOSED.setVolatile(this, true);
    }

    public boolean isClosed() {
        // ordering: volatile read; pairs with close().
        return (boolean) CLOSED.getVolatile(this);
    }
}
