package dev.weft.gateway.config;

/**
 * A configuration that cannot start the gateway. The message is one line naming where the
 * value came from (file path, {@code env WEFT_X}, {@code flag --x}), the key and what is wrong.
 */
public final class ConfigException extends Exception {
    public ConfigException(String source, String key, String problem) {
        super(source + ": " + key + ": " + problem, null, false, false);
    }
}
