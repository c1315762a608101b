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
 * @param subscribers subscriber connections
 * @param channels channels {@code bench-0 ... bench-(channels-1)}
 * @param subsPerConnection channels each subscriber connection joins (K): connection {@code i} joins
 *     channels {@code (i*K + j) % channels} for {@code j < K}, K distinct channels; over all connections
 *     these are the subscription indices {@code 0 .. subscribers*K-1} taken modulo {@code channels},
 *     so every channel has {@code subscribers*K/channels} subscribers, the first
 *     {@code subscribers*K % channels} channels one more
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
                           int subscribers, int channels, int subsPerConnection, int messageBytes, long ratePerSecond, int inflight,
                           Duration ramp, Duration warmup, Duration duration, String io, int workers,
                           long watchPid) {
    public FanoutConfig {
        checkShape(subscribers, channels, subsPerConnection);
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

    /**
     * Fails with what is wrong unless {@code connections} connections with {@code subsPerConnection}
     * distinct channels each can cover {@code channels} channels, every channel with at least one subscriber.
     */
    public static void checkShape(int connections, int channels, int subsPerConnection) {
        if (connections < 1 || channels < 1) {
            throw new IllegalArgumentException("need at least 1 subscriber and 1 channel; got " + connections
                    + " subscriber(s), " + channels + " channel(s)");
        }
        if (subsPerConnection < 1 || subsPerConnection > channels) {
            throw new IllegalArgumentException("subscriptions per connection must be between 1 and the channel count ("
                    + channels + "): a connection joins distinct channels; was " + subsPerConnection);
        }
        long subscriptions = (long) connections * subsPerConnection;
        if (subscriptions > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many subscriptions: " + connections + " x " + subsPerConnection);
        }
        if (channels > subscriptions) {
            throw new IllegalArgumentException("need channels <= subscribers x subscriptions per connection (every channel "
                    + "needs a subscriber); got " + channels + " channel(s), " + connections + " x " + subsPerConnection);
        }
    }

    static String channel(int index) {
        return "bench-" + index;
    }

    /** Subscriptions in total: every subscriber connection's channels. */
    int subscriptions() {
        return subscribers * subsPerConnection;
    }

    /** The {@code j}-th channel of subscriber connection {@code connection}; see {@code subsPerConnection}. */
    int channelOf(int connection, int j) {
        return (int) (((long) connection * subsPerConnection + j) % channels);
    }

    /** The channel publication {@code sequence} goes to: the channels in turn, so each gets every channels-th. */
    int channelOfPublication(long sequence) {
        return (int) (sequence % channels);
    }

    /** Whether subscriber connection {@code connection} joined channel {@code index}: its K channels follow on from i*K. */
    boolean joins(int connection, int index) {
        long first = (long) connection * subsPerConnection % channels;
        return Math.floorMod(index - first, (long) channels) < subsPerConnection;
    }

    /** Subscribers on channel {@code index}: subscription k (connection k / K) joins channel k % channels. */
    int subscribersOn(int index) {
        int total = subscriptions();
        return total / channels + (index < total % channels ? 1 : 0);
    }
}
