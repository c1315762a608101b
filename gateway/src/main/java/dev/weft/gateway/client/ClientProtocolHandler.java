package dev.weft.gateway.client;

import dev.weft.gateway.auth.TokenVerifier;
import dev.weft.gateway.broker.Broker;
import dev.weft.gateway.broker.PresenceManager;
import dev.weft.gateway.hub.ChannelConfig;
import dev.weft.gateway.hub.ClientSession;
import dev.weft.gateway.hub.Hub;
import dev.weft.gateway.metrics.GatewayMetrics;
import dev.weft.gateway.protocol.CommandDecoder;
import dev.weft.gateway.protocol.JsonEncoder;
import java.time.InstantSource;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The client protocol of one gateway node: everything connections share (config,
 * token verifier, channel hub, broker, presence, RPC and send handlers). The transport
 * calls {@link #open} for each new connection and feeds the returned {@link Client} its
 * frames. Thread-safe.
 */
public final class ClientProtocolHandler {
    final HandlerConfig config;
    final ClientLimits limits;
    final UserConnections userConnections = new UserConnections();
    final ChannelConfig channels;
    final TokenVerifier tokens;
    final Broker broker;
    final PresenceManager presence;
    final Hub hub;
    final RpcHandler rpc;
    final SendHandler send;
    final InstantSource clock;
    final Supplier<String> clientIds;
    final CommandDecoder decoder = new CommandDecoder();
    final JsonEncoder encoder;
    final GatewayMetrics metrics;
    final ClientRegistry registry = new ClientRegistry();

    private ClientProtocolHandler(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.limits = b.limits;
        this.channels = Objects.requireNonNull(b.channels, "channels");
        this.tokens = Objects.requireNonNull(b.tokens, "tokens");
        this.broker = Objects.requireNonNull(b.broker, "broker");
        this.presence = Objects.requireNonNull(b.presence, "presence");
        this.rpc = b.rpc;
        this.send = b.send;
        this.clock = b.clock;
        this.clientIds = b.clientIds;
        this.encoder = new JsonEncoder();
        this.hub = new Hub(encoder, broker);
        broker.setEventHandler(hub);
        this.metrics = new GatewayMetrics(hub);
    }

    /** A new connection; nothing is sent until the client's connect command. */
    public Client open(ClientSession session) {
        return new Client(this, session);
    }

    public Hub hub() {
        return hub;
    }

    /** This node's counters; the transport calls its connection and message hooks. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Connected clients by user, for the server API. */
    public ClientRegistry registry() {
        return registry;
    }

    public ChannelConfig channels() {
        return channels;
    }

    public Broker broker() {
        return broker;
    }

    public PresenceManager presence() {
        return presence;
    }

    public InstantSource clock() {
        return clock;
    }

    /** The server version clients are told at connect. */
    public String version() {
        return config.version();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Required: config, channels, tokens, broker, presence. */
    public static final class Builder {
        private HandlerConfig config;
        private ClientLimits limits = ClientLimits.DEFAULT;
        private ChannelConfig channels;
        private TokenVerifier tokens;
        private Broker broker;
        private PresenceManager presence;
        private RpcHandler rpc = RpcHandler.METHOD_NOT_FOUND;
        /** Null: {@code send} is not available and disconnects with 3508, as in Centrifugo. */
        private SendHandler send;
        private InstantSource clock = InstantSource.system();
        private Supplier<String> clientIds = () -> UUID.randomUUID().toString();

        public Builder config(HandlerConfig v) {
            config = v;
            return this;
        }

        /** Optional: {@link ClientLimits#DEFAULT} without it. */
        public Builder limits(ClientLimits v) {
            limits = Objects.requireNonNull(v, "limits");
            return this;
        }

        public Builder channels(ChannelConfig v) {
            channels = v;
            return this;
        }

        public Builder tokens(TokenVerifier v) {
            tokens = v;
            return this;
        }

        public Builder broker(Broker v) {
            broker = v;
            return this;
        }

        public Builder presence(PresenceManager v) {
            presence = v;
            return this;
        }

        public Builder rpc(RpcHandler v) {
            rpc = Objects.requireNonNull(v);
            return this;
        }

        public Builder send(SendHandler v) {
            send = v;
            return this;
        }

        public Builder clock(InstantSource v) {
            clock = Objects.requireNonNull(v);
            return this;
        }

        public Builder clientIds(Supplier<String> v) {
            clientIds = Objects.requireNonNull(v);
            return this;
        }

        public ClientProtocolHandler build() {
            return new ClientProtocolHandler(this);
        }
    }
}
