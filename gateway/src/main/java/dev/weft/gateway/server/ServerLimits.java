package dev.weft.gateway.server;

import java.time.Duration;

/**
 * Transport-level settings and limits of a {@link GatewayServer}; zero means unlimited or
 * off where noted.
 *
 * @param pingInterval a ping every this long once connected ({@code ping_interval})
 * @param pongTimeout a ping unanswered this long closes with 3012 ({@code pong_timeout}; at most pingInterval)
 * @param staleCloseDelay a connection without a successful connect this long after opening
 *     closes with 3502 stale ({@code client_stale_close_delay}; zero: never)
 * @param connectionLimit most open connections ({@code client_connection_limit}; 0: unlimited);
 *     beyond, a new connection closes with 1013 try again later
 * @param ipConnectionLimit most open connections from one IP address
 *     ({@code client_ip_connection_limit}; 0: unlimited); beyond, 1013 as well
 * @param messageSizeLimit largest message a client may send ({@code websocket_message_size_limit}; 1009 beyond)
 * @param queueMaxSizeBytes bytes queued to one client before it is closed with 3008 slow
 *     ({@code client_queue_max_size})
 */
public record ServerLimits(Duration pingInterval, Duration pongTimeout, Duration staleCloseDelay,
                           int connectionLimit, int ipConnectionLimit, long messageSizeLimit,
                           long queueMaxSizeBytes) {
    public ServerLimits {
        if (!pingInterval.isPositive() || !pongTimeout.isPositive() || pongTimeout.compareTo(pingInterval) > 0) {
            throw new IllegalArgumentException("need 0 < pong_timeout <= ping_interval, were "
                    + pongTimeout + " and " + pingInterval);
        }
        if (staleCloseDelay.isNegative() || connectionLimit < 0 || ipConnectionLimit < 0) {
            throw new IllegalArgumentException("client_stale_close_delay and connection limits must be >= 0");
        }
        if (messageSizeLimit <= 0 || queueMaxSizeBytes <= 0) {
            throw new IllegalArgumentException("websocket_message_size_limit and client_queue_max_size must be > 0");
        }
    }

    /** No connection limits or stale deadline, 16 MiB messages, 1 MiB queue: the server before it had limits. */
    public static ServerLimits unlimited(Duration pingInterval) {
        return new ServerLimits(pingInterval, pingInterval, Duration.ZERO, 0, 0, 16 << 20, 1 << 20);
    }
}
