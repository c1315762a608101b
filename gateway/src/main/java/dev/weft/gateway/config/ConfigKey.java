package dev.weft.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One configuration key: its name (Centrifugo v5's flat name where Centrifugo has one), its
 * type, the range an integer must lie in, its default as written in docs, and whether it is a
 * channel option (allowed at top level and in each namespace).
 */
record ConfigKey(String name, Type type, long min, long max, String defaultValue, boolean isChannelOption) {
    enum Type { INT, BOOL, STRING, DURATION }

    /** Environment variable name: {@code WEFT_} and the upper-case key. */
    String envName() {
        return "WEFT_" + name.toUpperCase(java.util.Locale.ROOT);
    }

    String flagName() {
        return "--" + name;
    }

    private static ConfigKey integer(String name, long min, long max, String dflt) {
        return new ConfigKey(name, Type.INT, min, max, dflt, false);
    }

    private static ConfigKey of(String name, Type type, String dflt) {
        return new ConfigKey(name, type, 0, 0, dflt, false);
    }

    private static ConfigKey channel(String name, Type type, String dflt) {
        return new ConfigKey(name, type, 0, Integer.MAX_VALUE, dflt, true);
    }

    static final int MAX_INT = Integer.MAX_VALUE;

    /** Every key, in documentation order. */
    static final List<ConfigKey> ALL = List.of(
            integer("port", 0, 65535, "8000"),
            of("address", Type.STRING, "\"\" (all interfaces)"),
            of("io", Type.STRING, "auto"),
            integer("workers", 1, 1024, "available processors"),
            of("token_hmac_secret_key", Type.STRING, "generated at start"),
            of("token_rsa_public_key", Type.STRING, "none"),
            of("token_ecdsa_public_key", Type.STRING, "none"),
            of("token_audience", Type.STRING, "none"),
            of("token_issuer", Type.STRING, "none"),
            of("api_key", Type.STRING, "generated at start"),
            of("demo", Type.BOOL, "true (--no-demo: false)"),
            of("allow_anonymous_connect_without_token", Type.BOOL, "false"),
            integer("client_channel_limit", 1, MAX_INT, "128"),
            integer("client_queue_max_size", 1024, MAX_INT, "1048576"),
            integer("client_user_connection_limit", 0, MAX_INT, "0"),
            integer("client_connection_limit", 0, MAX_INT, "0"),
            integer("client_ip_connection_limit", 0, MAX_INT, "0"),
            integer("client_command_rate_limit", 0, MAX_INT, "0"),
            integer("client_command_burst", 0, MAX_INT, "0"),
            of("client_stale_close_delay", Type.DURATION, "10s"),
            integer("client_concurrency", 0, 1, "0"),
            integer("channel_max_length", 1, MAX_INT, "255"),
            integer("websocket_message_size_limit", 1, MAX_INT, "65536"),
            of("ping_interval", Type.DURATION, "25s"),
            of("pong_timeout", Type.DURATION, "8s"),
            channel("history_size", Type.INT, "100 (top level), 0"),
            channel("history_ttl", Type.DURATION, "5m (top level), 0s"),
            channel("presence", Type.BOOL, "true (top level), false"),
            channel("join_leave", Type.BOOL, "false"),
            channel("force_push_join_leave", Type.BOOL, "false"),
            channel("force_recovery", Type.BOOL, "false"),
            channel("allow_recovery", Type.BOOL, "true with history and any allow_history_*"),
            channel("allow_subscribe_for_client", Type.BOOL, "true (top level), false"),
            channel("allow_subscribe_for_anonymous", Type.BOOL, "false"),
            channel("allow_publish_for_subscriber", Type.BOOL, "false"),
            channel("allow_publish_for_client", Type.BOOL, "true (top level), false"),
            channel("allow_publish_for_anonymous", Type.BOOL, "false"),
            channel("allow_history_for_subscriber", Type.BOOL, "false"),
            channel("allow_history_for_client", Type.BOOL, "true (top level), false"),
            channel("allow_history_for_anonymous", Type.BOOL, "false"),
            channel("allow_presence_for_subscriber", Type.BOOL, "false"),
            channel("allow_presence_for_client", Type.BOOL, "true (top level), false"),
            channel("allow_presence_for_anonymous", Type.BOOL, "false"),
            channel("allow_user_limited_channels", Type.BOOL, "false"));

    static final Map<String, ConfigKey> BY_NAME;

    static {
        Map<String, ConfigKey> m = new LinkedHashMap<>();
        ALL.forEach(k -> m.put(k.name(), k));
        BY_NAME = Map.copyOf(m);
    }

    /** Centrifugo options Weft does not implement: rejected by name rather than called unknown. */
    static final Set<String> UNSUPPORTED_CENTRIFUGO = Set.of(
            "engine", "broker", "presence_manager", "redis_address", "allowed_origins", "admin", "admin_password",
            "admin_secret", "prometheus", "health", "swagger", "debug", "tls", "tls_cert", "tls_key",
            "client_connection_rate_limit", "client_user_id_http_header", "client_insecure", "api_insecure",
            "disallow_anonymous_connection_tokens", "client_expired_close_delay", "client_presence_update_interval",
            "force_positioning", "allow_positioning", "history_meta_ttl", "global_history_meta_ttl",
            "force_recovery_mode", "channel_regex", "proxy_subscribe", "proxy_publish", "proxy_sub_refresh",
            "proxy_connect", "proxy_refresh", "proxy_rpc", "allowed_delta_types", "delta_publish",
            "history_disable_for_client", "presence_disable_for_client", "log_level", "log_file", "name",
            "token_jwks_public_endpoint", "uni_websocket", "uni_sse", "uni_http_stream", "sse", "http_stream",
            "websocket_compression", "websocket_read_buffer_size", "websocket_write_buffer_size");
}
