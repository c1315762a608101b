package dev.weft.io;

import dev.weft.runtime.Context;
import dev.weft.runtime.Future;
import dev.weft.runtime.Poll;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Accepts until the listener closes, spawning a connection task for each stream. */
final class AcceptLoop implements Future<Integer> {
    private final TcpListener listener;
    private final Function<TcpStream, Future<?>> handler;
    final AtomicInteger accepted = new AtomicInteger();

    AcceptLoop(TcpListener listener, Function<TcpStream, Future<?>> handler) {
        this.listener = listener;
        this.handler = handler;
    }

    static AcceptLoop echo(TcpListener listener, AtomicLong echoed) {
        return new AcceptLoop(listener, s -> new EchoConnection(s, echoed));
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        while (true) {
            Poll<TcpStream> p;
            try {
                p = listener.pollAccept(cx);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return Poll.ready(accepted.get());
                }
                throw new UncheckedIOException(e);
            }
            if (!(p instanceof Poll.Ready<TcpStream> r)) {
                return Poll.pending();
            }
            accepted.incrementAndGet();
            Runtime.current().spawn(handler.apply(r.value())).detach();
        }
    }
}
