package dev.weft.http;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One HTTP/1.1 server connection without its socket: the transport reads into {@code in}, calls
 * {@link #onRead}, sends {@code out}, and does what the {@link ConnectionOutcome} says.
 *
 * <p>Per request: decode the head, gather the body (bounded by the limits), route, call the
 * handler, encode the response. Requests are handled one after another in arrival order, so
 * pipelined responses come out in request order; a response that does not fit in {@code out}
 * waits in {@code pending} (in order) until the transport has sent {@code out}; decoding stops
 * while anything waits, so at most one response (and a {@code 100 Continue}) is ever queued. The connection
 * closes after a response that does not keep it alive (RFC 9112 §9.3, {@link HttpRequest#isKeepAlive()})
 * and after any rejected request. A handler exception becomes a 500 and closes the connection.
 *
 * <p>Thread roles: one thread at a time (the connection's task); handlers run on it.
 */
public final class Http1Connection implements AutoCloseable {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final RequestDecoder decoder;
    private final Router<HttpHandler> router;
    private final ResponseWriter writer;
    private final BodyAccumulator body;
    private final Consumer<RuntimeException> handlerErrors;
    /** Which upgrade requests the owner takes over; the others are answered as plain requests. */
    private final java.util.function.Predicate<HttpRequest> takesUpgrade;
    /** Connection thread only. The request whose body is being gathered; null between requests. */
    private HttpRequest current;
    /** Connection thread only. Encoded responses waiting for room in {@code out}, oldest first. */
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    /** Connection thread only. Bytes of {@code pending.peekFirst()} already written. */
    private int pendingOffset;
    /** Connection thread only. Set once; never unset: close once pending is out. */
    private boolean closeAfterPending;

    /**
     * @param handlerErrors told of each exception a handler throws (answered with 500), so the
     *                      owner can log it; the client sees no details
     */
    public Http1Connection(BufferPool pool, HttpLimits limits, Router<HttpHandler> router, ResponseWriter writer,
                           Consumer<RuntimeException> handlerErrors) {
        this(pool, limits, router, writer, handlerErrors, request -> true);
    }

    /**
     * @param takesUpgrade which upgrade requests to hand to the owner ({@code Upgrade} outcome);
     *                     any other upgrade request is routed as an ordinary request, as RFC 9110
     *                     §7.8 lets a server ignore an {@code Upgrade} it does not speak (clients
     *                     send {@code Upgrade: h2c} on plain requests)
     */
    public Http1Connection(BufferPool pool, HttpLimits limits, Router<HttpHandler> router, ResponseWriter writer,
                           Consumer<RuntimeException> handlerErrors,
                           java.util.function.Predicate<HttpRequest> takesUpgrade) {
        this.takesUpgrade = takesUpgrade;
        this.decoder = new RequestDecoder(pool, limits);
        this.router = router;
        this.writer = writer;
        this.body = new BodyAccumulator(pool);
        this.handlerErrors = handlerErrors;
    }

    /** Handles every complete request in {@code in}, writing responses into {@code out}. */
    public ConnectionOutcome onRead(Buffer in, Buffer out) {
        if (!drainPending(out)) {
            return ConnectionOutcome.Flush.INSTANCE;
        }
        if (closeAfterPending) {
            return ConnectionOutcome.Close.INSTANCE;
        }
        while (true) {
            switch (decoder.decode(in)) {
                case RequestEvent.NeedMoreData n -> {
                    return ConnectionOutcome.ReadMore.INSTANCE;
                }
                case HttpRequest request -> {
                    if (request.isUpgrade() && !request.hasBody() && takesUpgrade.test(request)) {
                        return new ConnectionOutcome.Upgrade(request);
                    }
                    current = request;
                    body.begin(request);
                    if (request.expectsContinue() && in.readableBytes() == 0) {
                        enqueue(out, CONTINUE);
                    }
                }
                case RequestEvent.Content content -> {
                    try (content) {
                        body.append(content.bytes());
                    }
                }
                case RequestEvent.End end -> {
                    boolean staysOpen = respond(out);
                    if (!staysOpen) {
                        closeAfterPending = true;
                    }
                    if (!pending.isEmpty()) {
                        return ConnectionOutcome.Flush.INSTANCE;
                    }
                    if (!staysOpen) {
                        return ConnectionOutcome.Close.INSTANCE;
                    }
                }
                case RequestEvent.Rejected rejected -> {
                    Response r = Response.text(rejected.status(), rejected.reason() + "\n");
                    enqueueResponse(out, r, HttpVersion.HTTP_1_1, false, false);
                    closeAfterPending = true;
                    releaseCurrent();
                    return pending.isEmpty() ? ConnectionOutcome.Close.INSTANCE : ConnectionOutcome.Flush.INSTANCE;
                }
            }
        }
    }

    private boolean respond(Buffer out) {
        HttpRequest request = current;
        Response response;
        boolean failed = false;
        try {
            response = switch (router.route(request.method(), request.rawPath())) {
                case Router.Found<HttpHandler> found ->
                        found.handler().handle(new Exchange(request, found.params(), body.bytes()));
                case Router.NotFound<HttpHandler> notFound -> Response.text(404, "no route for this path\n");
                case Router.MethodNotAllowed<HttpHandler> notAllowed ->
                        Response.text(405, "method not allowed\n").with("Allow", notAllowed.allowHeader());
            };
        } catch (HttpParseException e) {
            response = Response.text(e.status(), e.reason() + "\n");
        } catch (RuntimeException e) {
            handlerErrors.accept(e);
            response = Response.text(500, "internal error\n");
            failed = true;
        }
        boolean staysOpen = enqueueResponse(out, response, request.version(), request.isKeepAlive() && !failed,
                request.methodIs("HEAD"));
        releaseCurrent();
        return staysOpen;
    }

    private boolean enqueueResponse(Buffer out, Response response, HttpVersion version, boolean keepAlive,
                                    boolean headOnly) {
        ResponseWriter.EncodedHead head = writer.encodeHead(response.head(), version, response.body().length, keepAlive);
        enqueue(out, head.bytes());
        if (!headOnly && !HttpStatus.isBodiless(response.head().status())) {
            enqueue(out, response.body());
        }
        return head.staysOpen();
    }

    /** Writes {@code bytes} now if nothing waits before them and they fit; else queues them. */
    private void enqueue(Buffer out, byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (pending.isEmpty() && out.writableBytes() >= bytes.length) {
            writer.writeBody(out, MemorySegment.ofArray(bytes));
        } else {
            pending.addLast(bytes);
            drainPending(out);
        }
    }

    /** Writes queued bytes in order while {@code out} has room; true once none wait. */
    private boolean drainPending(Buffer out) {
        while (!pending.isEmpty()) {
            byte[] next = pending.peekFirst();
            int n = (int) Math.min(next.length - pendingOffset, out.writableBytes());
            MemorySegment.copy(next, pendingOffset, out.segment(), ValueLayout.JAVA_BYTE, out.writeIndex(), n);
            out.advanceWriteIndex(n);
            pendingOffset += n;
            if (pendingOffset < next.length) {
                return false;
            }
            pending.removeFirst();
            pendingOffset = 0;
        }
        return true;
    }

    private void releaseCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
        body.close();
    }

    /** Releases every buffer this connection holds. Idempotent. */
    @Override
    public void close() {
        releaseCurrent();
        decoder.close();
        pending.clear();
    }
}
