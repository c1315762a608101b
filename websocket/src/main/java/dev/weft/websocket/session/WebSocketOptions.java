package dev.weft.websocket.session;

import dev.weft.websocket.deflate.PerMessageDeflate;
import java.time.Duration;
import java.util.List;

/**
 * Settings of WebSocket connections, server or client side. Immutable; change with the
 * {@code with*} methods, which check their argument.
 *
 * @param maxFramePayloadBytes a longer frame closes the connection with 1009
 * @param maxMessageBytes a longer message (after inflation) closes it with 1009
 * @param lowWatermarkBytes above this many queued bytes, sends report {@link SendStatus#SLOW}
 * @param highWatermarkBytes a send that would pass this closes the connection with 1008
 * @param idleTimeout nothing received for this long closes with 1001; zero disables
 * @param pingInterval a ping is sent after this long without receiving; zero disables
 * @param closeTimeout how long to wait for the peer's close frame (and end of stream) after ours
 * @param deflate permessage-deflate settings to offer or accept, or null to go without
 * @param subprotocols supported subprotocols in order of preference (server: chosen from the
 *                     client's offer; client: offered)
 */
public record WebSocketOptions(long maxFramePayloadBytes, long maxMessageBytes, long lowWatermarkBytes,
                               long highWatermarkBytes, Duration idleTimeout, Duration pingInterval,
                               Duration closeTimeout, PerMessageDeflate deflate, List<String> subprotocols) {

    public WebSocketOptions {
        if (maxFramePayloadBytes <= 0 || maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxFramePayloadBytes and maxMessageBytes must be > 0, were "
                    + maxFramePayloadBytes + " and " + maxMessageBytes);
        }
        if (lowWatermarkBytes < 0 || highWatermarkBytes <= lowWatermarkBytes) {
            throw new IllegalArgumentException("need 0 <= lowWatermarkBytes < highWatermarkBytes, were "
                    + lowWatermarkBytes + " and " + highWatermarkBytes);
        }
        if (idleTimeout.isNegative() || pingInterval.isNegative() || closeTimeout.isNegative()
                || closeTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout and pingInterval must be >= 0 and closeTimeout > 0");
        }
        subprotocols = List.copyOf(subprotocols);
    }

    /**
     * 16 MiB frames and messages, watermarks 1 MiB / 4 MiB, no idle timeout or ping, 5 s close
     * timeout, no permessage-deflate, no subprotocols.
     */
    public static WebSocketOptions defaults() {
        return new WebSocketOptions(16 << 20, 16 << 20, 1 << 20, 4 << 20, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(5), null, List.of());
    }

    public WebSocketOptions withMaxMessageBytes(long bytes) {
        return new WebSocketOptions(Math.min(maxFramePayloadBytes, bytes), bytes, lowWatermarkBytes,
                highWatermarkBytes, idleTimeout, pingInterval, closeTimeout, deflate, subprotocols);
    }

    public WebSocketOptions withWatermarks(long lowBytes, long highBytes) {
        return new WebSocketOptions(maxFramePayloadBytes, maxMessageBytes, lowBytes, highBytes, idleTimeout,
                pingInterval, closeTimeout, deflate, subprotocols);
    }

    public WebSocketOptions withIdleTimeout(Duration timeout) {
        return new WebSocketOptions(maxFramePayloadBytes, maxMessageBytes, lowWatermarkBytes, highWatermarkBytes,
                timeout, pingInterval, closeTimeout, deflate, subprotocols);
    }

    public WebSocketOptions withPingInterval(Duration interval) {
        return new WebSocketOptions(maxFramePayloadBytes, maxMessageBytes, lowWatermarkBytes, highWatermarkBytes,
                idleTimeout, interval, closeTimeout, deflate, subprotocols);
    }

    public WebSocketOptions withCloseTimeout(Duration timeout) {
        return new WebSocketOptions(maxFramePayloadBytes, maxMessageBytes, lowWatermarkBytes, highWatermarkBytes,
                idleTimeout, pingInterval, timeout, deflate, subprotocols);
    }

    public WebSocketOptions withDeflate(PerMessageDeflate settings) {
        return new WebSocketOptions(maxFramePayloadBytes, maxMessageBytes, lowWatermarkBytes, highWatermarkBytes,
                idleTimeout, pingInterval, closeTimeout, settings, subprotocols);
    }

    public WebSocketOptions withSubprotocols(List<String> protocols) {
        return new WebSocketOptions(maxFramePayloadBytes, maxMessageBytes, lowWatermarkBytes, highWatermarkBytes,
                idleTimeout, pingInterval, closeTimeout, deflate, protocols);
    }
}
