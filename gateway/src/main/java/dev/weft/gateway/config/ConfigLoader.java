package dev.weft.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.weft.gateway.auth.TokenConfig;
import dev.weft.gateway.hub.ChannelConfig;
import dev.weft.gateway.hub.ChannelOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds a {@link GatewayConfig} from a config file (JSON or YAML), {@code WEFT_*}
 * environment variables and command-line flags, in that order of increasing precedence; a
 * key set nowhere gets its default. Every value is checked here, so a bad one stops start-up
 * with a {@link ConfigException} naming its source and key.
 *
 * <p>Environment: {@code WEFT_} plus the upper-case key ({@code WEFT_HISTORY_SIZE});
 * {@code WEFT_TOKEN_HMAC_SECRET} is accepted for {@code token_hmac_secret_key}, and
 * {@code WEFT_NAMESPACES} holds the namespaces as a JSON array. An empty variable is unset.
 * Other {@code WEFT_*} variables (the launcher's own) are ignored unless one is a near
 * miss of a key, which is reported.
 */
public final class ConfigLoader {
    static final String LEGACY_HMAC_ENV = "WEFT_TOKEN_HMAC_SECRET";
    private static final String NAMESPACES = "namespaces";
    private static final Pattern NAMESPACE_NAME = Pattern.compile("^[-a-zA-Z0-9_.]{2,}$");
    private static final Set<String> IO_BACKENDS = Set.of("auto", "io_uring", "epoll", "nio");

    /** A raw value (a JSON node from the file, a string from env or flags) and where it came from. */
    private record Sourced(Object value, String source) {
    }

    private ConfigLoader() {
    }

    public static GatewayConfig load(Optional<Path> file, Map<String, String> env, Map<String, String> flags)
            throws ConfigException {
        Map<String, Sourced> top = new HashMap<>();
        Sourced namespaces = null;
        if (file.isPresent()) {
            String src = file.get().toString();
            JsonNode root = readFile(file.get());
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                if (field.getKey().equals(NAMESPACES)) {
                    namespaces = new Sourced(field.getValue(), src);
                } else {
                    requireKnown(src, field.getKey(), field.getKey(), ConfigKey.BY_NAME.keySet());
                    top.put(field.getKey(), new Sourced(field.getValue(), src));
                }
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String var = e.getKey();
            if (!var.startsWith("WEFT_") || e.getValue() == null || e.getValue().isBlank()) {
                continue;
            }
            String src = "env " + var;
            String key = var.equals(LEGACY_HMAC_ENV) ? "token_hmac_secret_key"
                    : var.substring("WEFT_".length()).toLowerCase(java.util.Locale.ROOT);
            if (key.equals(NAMESPACES)) {
                namespaces = new Sourced(parseJson(src, e.getValue()), src);
            } else if (ConfigKey.BY_NAME.containsKey(key)) {
                top.put(key, new Sourced(e.getValue(), src));
            } else if (ConfigKey.UNSUPPORTED_CENTRIFUGO.contains(key)) {
                throw unsupported(src, key);
            } else {
                Optional<String> near = KeySuggestions.closest(key, ConfigKey.BY_NAME.keySet());
                if (near.isPresent()) {
                    throw new ConfigException(src, key, "unknown key (did you mean "
                            + ConfigKey.BY_NAME.get(near.get()).envName() + "?)");
                }
            }
        }
        for (Map.Entry<String, String> f : flags.entrySet()) {
            top.put(f.getKey(), new Sourced(f.getValue(), "flag --" + f.getKey()));
        }
        return build(top, namespaces);
    }

    private static JsonNode readFile(Path path) throws ConfigException {
        String src = path.toString();
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            mapper = new YAMLMapper();
        } else if (name.endsWith(".json")) {
            mapper = new ObjectMapper();
        } else {
            throw new ConfigException(src, "config", "unknown file type (use .json, .yaml or .yml)");
        }
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(path, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new ConfigException(src, "config", "does not parse: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        } catch (IOException e) {
            throw new ConfigException(src, "config", "cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return mapper.createObjectNode(); // an empty file sets nothing
        }
        if (!root.isObject()) {
            throw new ConfigException(src, "config", "must be a mapping of keys to values, got " + kind(root));
        }
        return root;
    }

    private static JsonNode parseJson(String src, String text) throws ConfigException {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(src, NAMESPACES, "is not a JSON array: " + e.getOriginalMessage());
        }
    }

    private static void requireKnown(String src, String label, String key, Set<String> known) throws ConfigException {
        if (known.contains(key)) {
            return;
        }
        if (ConfigKey.UNSUPPORTED_CENTRIFUGO.contains(key)) {
            throw unsupported(src, label);
        }
        throw new ConfigException(src, label, "unknown key"
                + KeySuggestions.closest(key, known).map(k -> " (did you mean \"" + k + "\"?)").orElse(""));
    }

    private static ConfigException unsupported(String src, String key) {
        return new ConfigException(src, key, "Centrifugo option not supported by Weft");
    }

    // ---- building ---------------------------------------------------------------------

    private static GatewayConfig build(Map<String, Sourced> top, Sourced namespaces) throws ConfigException {
        Values v = new Values(top, "");
        String address = v.string("address").orElse("");
        if (!address.isEmpty()) {
            try {
                InetAddress.getByName(address);
            } catch (UnknownHostException e) {
                throw v.error("address", "cannot be resolved: \"" + address + "\"");
            }
        }
        String io = v.string("io").orElse("auto");
        if (!IO_BACKENDS.contains(io)) {
            throw v.error("io", "must be one of auto, io_uring, epoll, nio, got \"" + io + "\"");
        }
        Optional<byte[]> hmac = v.string("token_hmac_secret_key").map(s -> s.getBytes(StandardCharsets.UTF_8));
        if (hmac.isPresent() && hmac.get().length < TokenConfig.MIN_HMAC_SECRET_BYTES) {
            throw v.error("token_hmac_secret_key", "too short: " + hmac.get().length + " bytes, at least "
                    + TokenConfig.MIN_HMAC_SECRET_BYTES + " needed (HS256 wants 256 bits)");
        }
        Duration ping = v.duration("ping_interval", Duration.ofSeconds(25));
        Duration pong = v.duration("pong_timeout", Duration.ofSeconds(8));
        if (!ping.isPositive()) {
            throw v.error("ping_interval", "out of range: must be positive");
        }
        if (!pong.isPositive() || pong.compareTo(ping) > 0) {
            throw v.error("pong_timeout", "out of range: must be positive and at most ping_interval (" + ping + ")");
        }
        v.integer("client_concurrency", 0); // checked for range; commands of one connection run in order
        return new GatewayConfig(
                v.integer("port", 8000), address, io,
                v.integer("workers", java.lang.Runtime.getRuntime().availableProcessors()),
                hmac, v.parsed("token_rsa_public_key", PublicKeys::rsa), v.parsed("token_ecdsa_public_key", PublicKeys::ec),
                v.string("token_audience"), v.string("token_issuer"), v.string("api_key"), v.bool("demo", true),
                v.bool("allow_anonymous_connect_without_token", false),
                v.integer("client_channel_limit", 128), v.integer("client_queue_max_size", 1 << 20),
                v.integer("client_user_connection_limit", 0), v.integer("client_connection_limit", 0),
                v.integer("client_ip_connection_limit", 0), v.integer("client_command_rate_limit", 0),
                v.integer("client_command_burst", 0), v.duration("client_stale_close_delay", Duration.ofSeconds(10)),
                v.integer("channel_max_length", 255), v.integer("websocket_message_size_limit", 65536),
                ping, pong, new ChannelConfig(channelOptions(v, true, top.values()), namespaces(namespaces)));
    }

    private static Map<String, ChannelOptions> namespaces(Sourced sourced) throws ConfigException {
        Map<String, ChannelOptions> result = new LinkedHashMap<>();
        if (sourced == null) {
            return result;
        }
        String src = sourced.source();
        if (!(sourced.value() instanceof JsonNode list) || !list.isArray()) {
            throw new ConfigException(src, NAMESPACES, "wrong type: expected a list of namespaces, got "
                    + (sourced.value() instanceof JsonNode n ? kind(n) : "text"));
        }
        Set<String> allowed = new java.util.HashSet<>(ConfigKey.BY_NAME.values().stream()
                .filter(ConfigKey::isChannelOption).map(ConfigKey::name).toList());
        allowed.add("name");
        for (int i = 0; i < list.size(); i++) {
            JsonNode ns = list.get(i);
            String at = NAMESPACES + "[" + i + "]";
            if (!ns.isObject()) {
                throw new ConfigException(src, at, "wrong type: expected a mapping with name and channel options, got " + kind(ns));
            }
            JsonNode name = ns.get("name");
            if (name == null || !name.isTextual()) {
                throw new ConfigException(src, at + ".name", "missing: every namespace needs a name");
            }
            String n = name.asText();
            if (!NAMESPACE_NAME.matcher(n).matches()) {
                throw new ConfigException(src, at + ".name", "invalid namespace name \"" + n
                        + "\": at least 2 characters of letters, digits, '-', '_' or '.'");
            }
            if (result.containsKey(n)) {
                throw new ConfigException(src, at + ".name", "duplicate namespace name \"" + n + "\"");
            }
            Map<String, Sourced> values = new HashMap<>();
            for (Map.Entry<String, JsonNode> field : ns.properties()) {
                requireKnown(src, NAMESPACES + "[" + n + "]." + field.getKey(), field.getKey(), allowed);
                if (!field.getKey().equals("name")) {
                    values.put(field.getKey(), new Sourced(field.getValue(), src));
                }
            }
            result.put(n, channelOptions(new Values(values, NAMESPACES + "[" + n + "]."), false, values.values()));
        }
        return result;
    }

    /**
     * Top level: the open demo channels unless told otherwise (history 100 for 5 min, presence,
     * clients may subscribe, publish, read history and presence). Namespaces: Centrifugo's
     * defaults, everything off. {@code allow_recovery} follows history access unless set.
     */
    private static ChannelOptions channelOptions(Values v, boolean isTopLevel, java.util.Collection<Sourced> set)
            throws ConfigException {
        int historySize = v.integer("history_size", isTopLevel ? 100 : 0);
        Duration historyTtl = v.duration("history_ttl", isTopLevel ? Duration.ofMinutes(5) : Duration.ZERO);
        boolean historyForSubscriber = v.bool("allow_history_for_subscriber", false);
        boolean historyForClient = v.bool("allow_history_for_client", isTopLevel);
        boolean historyForAnonymous = v.bool("allow_history_for_anonymous", false);
        boolean mayReadHistory = historySize > 0 && (historyForSubscriber || historyForClient || historyForAnonymous);
        try {
            return ChannelOptions.builder()
                    .history(historySize, historyTtl)
                    .presence(v.bool("presence", isTopLevel))
                    .joinLeave(v.bool("join_leave", false))
                    .forcePushJoinLeave(v.bool("force_push_join_leave", false))
                    .forceRecovery(v.bool("force_recovery", false))
                    .allowRecovery(v.bool("allow_recovery", mayReadHistory))
                    .allowSubscribeForClient(v.bool("allow_subscribe_for_client", isTopLevel))
                    .allowSubscribeForAnonymous(v.bool("allow_subscribe_for_anonymous", false))
                    .allowPublishForSubscriber(v.bool("allow_publish_for_subscriber", false))
                    .allowPublishForClient(v.bool("allow_publish_for_client", isTopLevel))
                    .allowPublishForAnonymous(v.bool("allow_publish_for_anonymous", false))
                    .allowHistoryForSubscriber(historyForSubscriber)
                    .allowHistoryForClient(historyForClient)
                    .allowHistoryForAnonymous(historyForAnonymous)
                    .allowPresenceForSubscriber(v.bool("allow_presence_for_subscriber", false))
                    .allowPresenceForClient(v.bool("allow_presence_for_client", isTopLevel))
                    .allowPresenceForAnonymous(v.bool("allow_presence_for_anonymous", false))
                    .allowUserLimitedChannels(v.bool("allow_user_limited_channels", false))
                    .build();
        } catch (IllegalArgumentException e) {
            String src = v.sourceOf("history_size").or(() -> v.sourceOf("history_ttl"))
                    .or(() -> v.sourceOf("force_recovery")).or(() -> v.sourceOf("allow_recovery"))
                    .orElse(set.isEmpty() ? "defaults" : set.iterator().next().source());
            throw new ConfigException(src, v.prefix.isEmpty() ? "channel options" : v.prefix.substring(0, v.prefix.length() - 1),
                    e.getMessage());
        }
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case BOOLEAN -> "a boolean " + n.asText();
            case NUMBER -> "a number " + n.asText();
            case STRING -> "text \"" + n.asText() + "\"";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Typed reads of one level (top level or one namespace), each checked against its key's type and range. */
    private static final class Values {
        private final Map<String, Sourced> raw;
        private final String prefix;

        Values(Map<String, Sourced> raw, String prefix) {
            this.raw = raw;
            this.prefix = prefix;
        }

        Optional<String> sourceOf(String key) {
            return Optional.ofNullable(raw.get(key)).map(Sourced::source);
        }

        ConfigException error(String key, String problem) {
            return new ConfigException(sourceOf(key).orElse("defaults"), prefix + key, problem);
        }

        int integer(String key, int dflt) throws ConfigException {
            Sourced s = raw.get(key);
            if (s == null) {
                return dflt;
            }
            long n;
            if (s.value() instanceof JsonNode node) {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    n = node.asLong();
                } else if (node.isTextual()) {
                    n = parseLong(key, node.asText());
                } else {
                    throw error(key, "wrong type: expected an integer, got " + kind(node));
                }
            } else {
                n = parseLong(key, (String) s.value());
            }
            ConfigKey k = ConfigKey.BY_NAME.get(key);
            if (n < k.min() || n > k.max()) {
                throw error(key, "out of range: " + n + " (must be " + k.min() + ".." + k.max() + ")");
            }
            return (int) n;
        }

        private long parseLong(String key, String text) throws ConfigException {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw error(key, "wrong type: expected an integer, got \"" + text + "\"");
            }
        }

        boolean bool(String key, boolean dflt) throws ConfigException {
            Sourced s = raw.get(key);
            if (s == null) {
                return dflt;
            }
            if (s.value() instanceof JsonNode node && !node.isTextual()) {
                if (node.isBoolean()) {
                    return node.asBoolean();
                }
                throw error(key, "wrong type: expected true or false, got " + kind(node));
            }
            String text = s.value() instanceof JsonNode node ? node.asText() : (String) s.value();
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw error(key, "wrong type: expected true or false, got \"" + text + "\"");
            };
        }

        Duration duration(String key, Duration dflt) throws ConfigException {
            Sourced s = raw.get(key);
            if (s == null) {
                return dflt;
            }
            String text;
            if (s.value() instanceof JsonNode node) {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    if (node.asLong() < 0) {
                        throw error(key, "out of range: " + node.asLong() + " (must not be negative)");
                    }
                    return Duration.ofSeconds(node.asLong());
                }
                if (!node.isTextual()) {
                    throw error(key, "wrong type: expected a duration such as \"300s\", got " + kind(node));
                }
                text = node.asText();
            } else {
                text = (String) s.value();
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(key, e.getMessage());
            }
        }

        Optional<String> string(String key) throws ConfigException {
            Sourced s = raw.get(key);
            if (s == null) {
                return Optional.empty();
            }
            if (s.value() instanceof JsonNode node) {
                if (!node.isTextual()) {
                    throw error(key, "wrong type: expected text, got " + kind(node));
                }
                return Optional.of(node.asText());
            }
            return Optional.of((String) s.value());
        }

        <T> Optional<T> parsed(String key, Function<String, T> parser) throws ConfigException {
            Optional<String> text = string(key);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(parser.apply(text.get()));
            } catch (IllegalArgumentException e) {
                throw error(key, e.getMessage());
            }
        }
    }
}
