package dev.weft.gateway.metrics;

import dev.weft.gateway.hub.Hub;
import dev.weft.gateway.protocol.Disconnect;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.Request;
import dev.weft.runtime.Runtime;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gateway node's Prometheus metrics, in a registry of its own (no global state, so
 * several nodes in one JVM do not mix). Series are named as Centrifugo names them, with
 * {@code weft_gateway_} in place of {@code centrifugo_}; docs/OPERATIONS.md lists them all.
 *
 * <p>The hooks are called on hot paths (every command, every queued message), so each
 * label combination they touch is resolved once here: a hook is an array load and a
 * {@code LongAdder} increment, with no allocation. Only error replies and disconnects with
 * codes outside the built-in set resolve a label child when they happen.
 *
 * <p>Thread-safe: hooks from any thread; {@link #scrape} from any thread.
 */
public final class GatewayMetrics {
    /** Label values of {@code method}, indexed by {@link #methodIndex}. */
    private static final String[] METHODS = {
            "connect", "subscribe", "unsubscribe", "publish", "presence", "presence_stats", "history",
            "ping", "pong", "send", "rpc", "refresh", "sub_refresh"};
    private static final DisconnectCode[] BUILT_IN_CODES = DisconnectCode.values();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Gauge clients;
    private final CounterDataPoint[] commandsByMethod = new CounterDataPoint[METHODS.length];
    private final Counter replyErrors;
    private final Counter serverDisconnects;
    /** Indexed by {@link DisconnectCode#ordinal()}. */
    private final CounterDataPoint[] disconnectsByCode = new CounterDataPoint[BUILT_IN_CODES.length];
    private final CounterDataPoint messagesReceived;
    private final CounterDataPoint bytesReceived;
    private final CounterDataPoint messagesSent;
    private final CounterDataPoint bytesSent;
    private final AtomicBoolean isJvmRegistered = new AtomicBoolean();
    private final AtomicBoolean isRuntimeRegistered = new AtomicBoolean();

    /** The node's metrics; the channel and subscription gauges read {@code hub} at scrape time. */
    public GatewayMetrics(Hub hub) {
        clients = Gauge.builder().name("weft_gateway_node_num_clients")
                .help("WebSocket connections open on this node").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("weft_gateway_node_num_channels")
                .help("Channels with at least one subscriber on this node")
                .callback(cb -> cb.call(hub.channelCount())).register(registry);
        GaugeWithCallback.builder().name("weft_gateway_node_num_subscriptions")
                .help("Client subscriptions on this node (one per client and channel)")
                .callback(cb -> cb.call(hub.subscriptionCount())).register(registry);

        Counter commands = counter("weft_gateway_client_num_commands", "Commands received from clients", "method");
        for (int i = 0; i < METHODS.length; i++) {
            commandsByMethod[i] = commands.labelValues(METHODS[i]);
        }
        replyErrors = counter("weft_gateway_client_num_reply_errors", "Error replies sent to clients", "method", "code");
        serverDisconnects = counter("weft_gateway_client_num_server_disconnects",
                "Connections the server closed, by disconnect code", "code");
        for (DisconnectCode c : BUILT_IN_CODES) {
            disconnectsByCode[c.ordinal()] = serverDisconnects.labelValues(Integer.toString(c.code()));
        }
        messagesReceived = counter("weft_gateway_transport_messages_received",
                "WebSocket messages received from clients").labelValues();
        bytesReceived = counter("weft_gateway_transport_messages_received_size",
                "Bytes of WebSocket messages received from clients").labelValues();
        messagesSent = counter("weft_gateway_transport_messages_sent",
                "Protocol messages queued to clients (a publication counts once per subscriber)").labelValues();
        bytesSent = counter("weft_gateway_transport_messages_sent_size",
                "Bytes of protocol messages queued to clients").labelValues();
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }

    // ---- hooks ---------------------------------------------------------------------

    public void onConnectionOpened() {
        clients.inc();
    }

    public void onConnectionClosed() {
        clients.dec();
    }

    /** A WebSocket message of {@code bytes} arrived (it may carry several commands). */
    public void onMessageReceived(int bytes) {
        messagesReceived.inc();
        bytesReceived.inc(bytes);
    }

    /** A protocol message of {@code bytes} was queued to one client. */
    public void onMessageSent(int bytes) {
        messagesSent.inc();
        bytesSent.inc(bytes);
    }

    public void onCommand(Request request) {
        commandsByMethod[methodIndex(request)].inc();
    }

    /** An error reply to {@code request}; errors are rare, so its child is resolved here. */
    public void onReplyError(Request request, int code) {
        replyErrors.labelValues(METHODS[methodIndex(request)], Integer.toString(code)).inc();
    }

    /** The server closed a connection with {@code d}; count each connection's first disconnect only. */
    public void onServerDisconnect(Disconnect d) {
        for (DisconnectCode c : BUILT_IN_CODES) {
            if (c.code() == d.code()) {
                disconnectsByCode[c.ordinal()].inc();
                return;
            }
        }
        serverDisconnects.labelValues(Integer.toString(d.code())).inc();
    }

    private static int methodIndex(Request request) {
        return switch (request) {
            case Request.Connect r -> 0;
            case Request.Subscribe r -> 1;
            case Request.Unsubscribe r -> 2;
            case Request.Publish r -> 3;
            case Request.Presence r -> 4;
            case Request.PresenceStats r -> 5;
            case Request.History r -> 6;
            case Request.Ping r -> 7;
            case Request.Pong r -> 8;
            case Request.Send r -> 9;
            case Request.Rpc r -> 10;
            case Request.Refresh r -> 11;
            case Request.SubRefresh r -> 12;
        };
    }

    // ---- optional series -----------------------------------------------------------

    /** Adds the JVM's and the process's standard series ({@code jvm_*}, {@code process_*}); once. */
    public void registerJvm() {
        if (isJvmRegistered.compareAndSet(false, true)) {
            JvmSeries.register(registry);
        }
    }

    /** Adds {@code rt}'s scheduler series ({@code weft_runtime_*}); once. */
    public void registerRuntime(Runtime rt) {
        if (isRuntimeRegistered.compareAndSet(false, true)) {
            RuntimeSeries.register(registry, rt);
        }
    }

    // ---- exposition ----------------------------------------------------------------

    /** {@value} */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Every series in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
