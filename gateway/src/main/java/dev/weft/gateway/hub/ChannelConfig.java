package dev.weft.gateway.hub;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Options for every channel: those of its namespace, or the top-level defaults for
 * channels without one. A channel in a namespace that is not configured is unknown
 * (error 102).
 */
public record ChannelConfig(ChannelOptions defaults, Map<String, ChannelOptions> namespaces) {
    private static final Pattern NAMESPACE_NAME = Pattern.compile("^[-a-zA-Z0-9_.]{2,}$");

    public ChannelConfig {
        Objects.requireNonNull(defaults, "defaults");
        namespaces = Map.copyOf(namespaces);
        for (String ns : namespaces.keySet()) {
            if (!NAMESPACE_NAME.matcher(ns).matches()) {
                throw new IllegalArgumentException("namespace name \"" + ns
                        + "\" must be at least 2 characters of letters, digits, '-', '_' or '.'");
            }
        }
    }

    public Optional<ChannelOptions> optionsFor(ChannelName channel) {
        if (channel.namespace().isEmpty()) {
            return Optional.of(defaults);
        }
        return Optional.ofNullable(namespaces.get(channel.namespace()));
    }
}
