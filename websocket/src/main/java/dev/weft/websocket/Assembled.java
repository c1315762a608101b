package dev.weft.websocket;

import dev.weft.io.buffer.Buffer;

/**
 * What {@link MessageAssembler#accept} made of one chunk. Switch over it exhaustively.
 */
public sealed interface Assembled permits Assembled.Pending, Assembled.Message, Assembled.Control,
        Assembled.Close, Violation {

    /** Nothing complete yet. */
    enum Pending implements Assembled {
        INSTANCE
    }

    /**
     * A complete data message, inflated if it was compressed, UTF-8 checked if text. The
     * caller owns {@code payload} and releases it. One instance per {@link MessageAssembler},
     * refilled by each message (so assembling allocates nothing): read it before the next
     * {@code accept}.
     */
    final class Message implements Assembled {
        /** The assembler's owner thread only. */
        private boolean isText;
        /** The assembler's owner thread only. */
        private Buffer payload;

        Message() {
        }

        Message set(boolean text, Buffer newPayload) {
            isText = text;
            payload = newPayload;
            return this;
        }

        public boolean isText() {
            return isText;
        }

        public Buffer payload() {
            return payload;
        }

        @Override
        public String toString() {
            return "Message[isText=" + isText + ", payload=" + payload + "]";
        }
    }

    /** A complete ping or pong; {@code payload} is a copy (at most 125 bytes). */
    record Control(int opcode, byte[] payload) implements Assembled {
    }

    /** A valid close frame. */
    record Close(ClosePayload payload) implements Assembled {
    }
}
