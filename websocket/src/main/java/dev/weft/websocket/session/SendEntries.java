package dev.weft.websocket.session;

import dev.weft.io.buffer.Buffer;
import java.util.Arrays;

/**
 * A list of send-queue entries (a message, ping or close request each, not yet encoded) in
 * parallel arrays, so adding one allocates nothing once the list has grown to its busiest
 * size: it grows by doubling and keeps its capacity when cleared. {@link SendQueue} keeps two
 * and swaps them.
 *
 * <p>Not thread-safe: {@link SendQueue} guards the one senders add to and hands the other to
 * its task.
 */
final class SendEntries {

    private static final int INITIAL_CAPACITY = 4;

    private int[] opcodes;
    /** The message or ping body (owned by the entry), null for a close request. */
    private Buffer[] payloads;
    /** What each entry added to the queued-bytes count. */
    private long[] queuedBytes;
    private int[] closeCodes;
    private String[] closeReasons;
    private int size;

    /** Appends an entry, growing the arrays when full (allocated at the first add). */
    void add(int opcode, Buffer payload, long bytes, int closeCode, String closeReason) {
        if (opcodes == null || size == opcodes.length) {
            grow();
        }
        opcodes[size] = opcode;
        payloads[size] = payload;
        queuedBytes[size] = bytes;
        closeCodes[size] = closeCode;
        closeReasons[size] = closeReason;
        size++;
    }

    private void grow() {
        int capacity = opcodes == null ? INITIAL_CAPACITY : 2 * opcodes.length;
        opcodes = opcodes == null ? new int[capacity] : Arrays.copyOf(opcodes, capacity);
        payloads = payloads == null ? new Buffer[capacity] : Arrays.copyOf(payloads, capacity);
        queuedBytes = queuedBytes == null ? new long[capacity] : Arrays.copyOf(queuedBytes, capacity);
        closeCodes = closeCodes == null ? new int[capacity] : Arrays.copyOf(closeCodes, capacity);
        closeReasons = closeReasons == null ? new String[capacity] : Arrays.copyOf(closeReasons, capacity);
    }

    int size() {
        return size;
    }

    int opcode(int i) {
        return opcodes[i];
    }

    Buffer payload(int i) {
        return payloads[i];
    }

    long queuedBytes(int i) {
        return queuedBytes[i];
    }

    int closeCode(int i) {
        return closeCodes[i];
    }

    String closeReason(int i) {
        return closeReasons[i];
    }

    /** Releases the payloads of entries {@code [from, size)}, whose ownership was never taken. */
    void releaseFrom(int from) {
        for (int i = from; i < size; i++) {
            if (payloads[i] != null) {
                payloads[i].release();
            }
        }
    }

    /** Empties the list (dropping its references), keeping the capacity. */
    void clear() {
        if (size > 0) {
            Arrays.fill(payloads, 0, size, null);
            Arrays.fill(closeReasons, 0, size, null);
            size = 0;
        }
    }
}
