package dev.weft.http;

import dev.weft.io.buffer.Buffer;

/**
 * What one {@link RequestDecoder#decode} call produced. Per request the sequence is one
 * {@link HttpRequest}, zero or more {@link Content}, one {@link End}; {@link NeedMoreData} may
 * come anywhere in between; {@link Rejected} ends the connection's requests.
 */
public sealed interface RequestEvent permits HttpRequest, RequestEvent.Content, RequestEvent.End,
        RequestEvent.NeedMoreData, RequestEvent.Rejected {

    /** Every readable byte of the input was consumed; call again with more. */
    enum NeedMoreData implements RequestEvent { INSTANCE }

    /** The current request's body is complete (trailers, if any, were read and dropped). */
    enum End implements RequestEvent { INSTANCE }

    /**
     * Body bytes, in order: a slice of the input buffer holding one reference of it, so it stays
     * valid after the input is reused. The receiver must {@link #close()} it.
     */
    record Content(Buffer bytes) implements RequestEvent, AutoCloseable {
        @Override
        public void close() {
            bytes.release();
        }
    }

    /**
     * The input broke a rule or a limit: answer {@code status} with {@code reason} and close the
     * connection (the decoder is failed; framing after this point cannot be trusted).
     */
    record Rejected(int status, String reason) implements RequestEvent {
    }
}
