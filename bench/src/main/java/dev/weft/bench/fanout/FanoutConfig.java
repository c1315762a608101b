package dev.weft.bench.fanout;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One fan-out run.
 *
 * @param target the server
 * @param path the WebSocket path to ask for
 * @param protocol what the server speaks
 * @param token the connection token (centrifugo), or null
 * @param subscribers subscriber connections, spread evenly over the channels
 * @param channels channels {@code bench-0 ... bench-(channels-1)}
 * @param messageBytes publication body bytes
 * @param ratePerSecond publications per second in total (open loop), or 0: closed loop, at most
 *     {@code inflight} publications not yet at their last subscriber
 * @param inflight closed loop's window
 * @param ramp time over which subscribers connect
 * @param warmup publishing time before the window
 * @param duration the measured window
 * @param io the generator's I/O backend
 * @param workers the generator's runtime workers
 * @param watchPid the server process whose CPU and RSS are read, or 0
 */
public record FanoutConfig(InetSocketAddress target, String path, FanoutProtocol protocol, String token,
                           int subscribers, int channels, int messageBytes, long ratePerSecond, int inflight,
                           Duration ramp, Duration warmup, Duration duration, String io, int workers,
                           long watchPid) {
    public FanoutConfig {
        if (subscribers < 1 || channels < 1 || channels > subscribers) {
            throw new IllegalArgumentException("need 1 <= channels <= subscribers; got " + channels
                    + " channel(s), " + subscribers + " subscriber(s)");
        }
        if (messageBytes < 40) {
            throw new IllegalArgumentException("--size must be at least 40 bytes (sequence and time); was " + messageBytes);
        }
        if (ratePerSecond < 0 || inflight < 1) {
            throw new IllegalArgumentException("--rate must be >= 0 and --inflight >= 1");
        }
        if (protocol == FanoutProtocol.CENTRIFUGO && (token == null || token.isEmpty())) {
            throw new IllegalArgumentException("the centrifugo protocol needs a connection token (--token or --token-secret)");
        }
    }

    static String channel(int index) {
        return "bench-" + index;
    }

    /** Subscribers on channel {@code index}: subscriber i joins channel i % channels. */
    int subscribersOn(int index) {
        return subscribers / channels + (index < subscribers % channels ? 1 : 0);
    }
}
