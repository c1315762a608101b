package dev.weft.gateway.client;

/**
 * Per-connection and per-user limits of the client protocol. Zero means unlimited where
 * noted.
 *
 * @param userConnectionLimit most connections of one non-anonymous user on this node
 *     ({@code client_user_connection_limit}, 0: unlimited); beyond, connect closes with 3504
 * @param channelMaxLength longest channel name in characters ({@code channel_max_length});
 *     a longer one in subscribe or publish gets error 107
 * @param commandRatePerSecond commands one connection may send per second, sustained
 *     ({@code client_command_rate_limit}, 0: unlimited); beyond, error 111
 * @param commandBurst commands allowed at once above the sustained rate
 *     ({@code client_command_burst}; 0: the rate itself)
 */
public record ClientLimits(int userConnectionLimit, int channelMaxLength, int commandRatePerSecond, int commandBurst) {
    public static final ClientLimits DEFAULT = new ClientLimits(0, 255, 0, 0);

    public ClientLimits {
        if (userConnectionLimit < 0 || commandRatePerSecond < 0 || commandBurst < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
        if (channelMaxLength <= 0) {
            throw new IllegalArgumentException("channel_max_length must be positive: " + channelMaxLength);
        }
    }

    boolean limitsCommandRate() {
        return commandRatePerSecond > 0;
    }
}
