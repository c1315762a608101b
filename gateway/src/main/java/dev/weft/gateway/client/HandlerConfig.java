package dev.weft.gateway.client;

import dev.weft.gateway.broker.HistoryQuery;
import java.time.Duration;
import java.util.Objects;

/**
 * Connection-level settings.
 *
 * @param version server version reported in the connect reply
 * @param pingInterval how often the transport sends a ping {@code {}}; the client answers with a pong
 * @param channelLimit most channels one connection may subscribe to ({@code client_channel_limit}; error 106 beyond)
 * @param allowAnonymousConnectWithoutToken connect without a token as the anonymous user
 * @param recoveryMaxPublicationLimit most publications a recovery returns, or {@link HistoryQuery#NO_LIMIT}
 */
public record HandlerConfig(String version, Duration pingInterval, int channelLimit,
                            boolean allowAnonymousConnectWithoutToken, int recoveryMaxPublicationLimit) {
    public HandlerConfig {
        Objects.requireNonNull(version, "version");
        if (!pingInterval.isPositive()) {
            throw new IllegalArgumentException("ping_interval must be positive");
        }
        if (channelLimit <= 0) {
            throw new IllegalArgumentException("client_channel_limit must be positive: " + channelLimit);
        }
        if (recoveryMaxPublicationLimit < HistoryQuery.NO_LIMIT || recoveryMaxPublicationLimit == 0) {
            throw new IllegalArgumentException("recovery max publication limit must be -1 or positive");
        }
    }

    public static HandlerConfig defaults(String version) {
        return new HandlerConfig(version, Duration.ofSeconds(25), 128, false, HistoryQuery.NO_LIMIT);
    }
}
