package dev.weft.gateway.config;

import dev.weft.gateway.client.ClientLimits;
import dev.weft.gateway.client.HandlerConfig;
import dev.weft.gateway.hub.ChannelConfig;
import dev.weft.gateway.server.ServerLimits;
import java.net.InetSocketAddress;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's whole configuration, checked: flags over {@code WEFT_*} environment over the
 * config file over defaults (see {@link ConfigLoader}; every key in docs/OPERATIONS.md).
 * Secrets that are absent stay empty here; {@code GatewayMain} generates them.
 */
public record GatewayConfig(int port, String address, String io, int workers,
                            Optional<byte[]> tokenHmacSecretKey, Optional<RSAPublicKey> tokenRsaPublicKey,
                            Optional<ECPublicKey> tokenEcdsaPublicKey, Optional<String> tokenAudience,
                            Optional<String> tokenIssuer, Optional<String> apiKey, boolean demo,
                            boolean allowAnonymousConnectWithoutToken, int clientChannelLimit,
                            int clientQueueMaxSize, int clientUserConnectionLimit, int clientConnectionLimit,
                            int clientIpConnectionLimit, int clientCommandRateLimit, int clientCommandBurst,
                            Duration clientStaleCloseDelay, int channelMaxLength, int websocketMessageSizeLimit,
                            Duration pingInterval, Duration pongTimeout, ChannelConfig channels) {

    /** Where to listen: {@code address} (all interfaces when empty) and {@code port}. */
    public InetSocketAddress listenAddress() {
        return address.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
    }

    /** Whether any token key is configured; without one GatewayMain generates an HMAC secret. */
    public boolean hasTokenKey() {
        return tokenHmacSecretKey.isPresent() || tokenRsaPublicKey.isPresent() || tokenEcdsaPublicKey.isPresent();
    }

    public HandlerConfig handlerConfig(String version, int recoveryMaxPublicationLimit) {
        return new HandlerConfig(version, pingInterval, clientChannelLimit, allowAnonymousConnectWithoutToken,
                recoveryMaxPublicationLimit);
    }

    public ClientLimits clientLimits() {
        return new ClientLimits(clientUserConnectionLimit, channelMaxLength, clientCommandRateLimit, clientCommandBurst);
    }

    public ServerLimits serverLimits() {
        return new ServerLimits(pingInterval, pongTimeout, clientStaleCloseDelay, clientConnectionLimit,
                clientIpConnectionLimit, websocketMessageSizeLimit, clientQueueMaxSize);
    }
}
