package dev.weft.bench.harness;

import dev.weft.bench.fanout.FanoutConfig;

/**
 * A fan-out shape as the comparison's {@code --shapes} spells it: {@code connections/channels}
 * (each connection on one channel) or {@code connections/channelsxK} (each connection on K
 * channels, so each channel has {@code connections*K/channels} subscribers). {@code 10000/1000x10}
 * is 100,000 subscriptions held by 10,000 connections, 100 per channel.
 *
 * @param text the shape as given, which the report shows
 */
record FanoutShape(String text, int connections, int channels, int subsPerConnection) {

    static FanoutShape parse(String text) {
        String[] sc = text.split("/", -1);
        if (sc.length != 2) {
            throw new IllegalArgumentException("--shapes: '" + text + "' is not connections/channels or connections/channelsxK");
        }
        String[] ck = sc[1].split("x", -1);
        if (ck.length > 2) {
            throw new IllegalArgumentException("--shapes: '" + text + "' has more than one 'x'");
        }
        int connections = number(text, sc[0], "connections");
        int channels = number(text, ck[0], "channels");
        int k = ck.length == 2 ? number(text, ck[1], "K (subscriptions per connection)") : 1;
        try {
            FanoutConfig.checkShape(connections, channels, k);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--shapes: '" + text + "': " + e.getMessage(), e);
        }
        return new FanoutShape(text, connections, channels, k);
    }

    /** For file names: {@code 10000x1000x10}. */
    String tag() {
        return connections + "x" + channels + (subsPerConnection == 1 ? "" : "x" + subsPerConnection);
    }

    private static int number(String text, String part, String what) {
        try {
            int n = Integer.parseInt(part);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the shape
        }
        throw new IllegalArgumentException("--shapes: '" + text + "': " + what + " must be a whole number >= 1; was '" + part + "'");
    }
}
