package dev.weft.bench.fanout;

import java.util.Locale;

/** Which wire the fan-out generator speaks; see {@link FanoutWire}. */
public enum FanoutProtocol {
    /** {@code sub:} / {@code pub:} text messages: the Netty and Weft broadcast peers. */
    PLAIN,
    /** Centrifugo's JSON client protocol: the Weft gateway (and Centrifugo itself). */
    CENTRIFUGO;

    public static FanoutProtocol parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown protocol '" + name + "'; known: plain, centrifugo");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
