package dev.weft.runtime.sync;

import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;

import java.util.ArrayList;
import java.util.List;

/** Small hand-written async loops for end-to-end tests on a real runtime. */
final class Tasks {
    private Tasks() {}

    /** Receives until end of stream and yields everything received, in order. */
    static <T> Future<List<T>> collectAll(Mpsc.Receiver<T> rx) {
        List<T> out = new ArrayList<>();
        return cx -> {
            while (true) {
                Poll<Recv<T>> p = rx.pollRecv(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                switch (p.value()) {
                    case Recv.Item<T> item -> out.add(item.value());
                    case Recv.Closed<T> closed -> {
                        return Poll.ready(out);
                    }
                }
            }
        };
    }

    /** Sends {@code base + 0 .. base + n - 1} with waiting sends, then closes the sender. */
    static Future<Void> produce(Mpsc.Sender<Integer> tx, int base, int n) {
        return new Future<>() {
            private int i;
            private Future<Void> sending;

            @Override
            public Poll<Void> poll(dev.weft.runtime.Context cx) {
                while (i < n) {
                    if (sending == null) {
                        sending = tx.send(base + i);
                    }
                    if (sending.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    sending = null;
                    i++;
                }
                tx.close();
                return Poll.readyVoid();
            }
        };
    }
}
