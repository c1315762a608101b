package dev.weft.bench.fanout;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The messages of the fan-out benchmark, for both protocols it speaks.
 *
 * <p><b>plain</b> (the chat-room protocol of the Netty and Weft broadcast peers): a subscriber
 * sends {@code sub:<channel>} per channel and the server answers each with
 * {@code subscribed:<channel>}; a publisher
 * sends {@code pub:<channel> <body>} and the server sends that text, unchanged, to every
 * subscriber of the channel.
 *
 * <p><b>centrifugo</b> (the gateway): a connect command with a token and a subscribe command
 * per channel in one frame; publications go out as {@code publish} commands whose {@code data} is a JSON
 * string holding the body, and arrive inside {@code pub} pushes.
 *
 * <p>The body is the same in both: {@code s=<sequence> t=<intended send time, System.nanoTime>}
 * padded with {@code x} to the message size. {@code System.nanoTime} reads CLOCK_MONOTONIC on
 * Linux, one clock for every process of the machine, so the subscriber's process can subtract
 * the publisher's time. The body does not name the channel: the sequence does, as the publisher
 * sends publication {@code s} to channel {@code s % channels} ({@link FanoutConfig#channelOfPublication}).
 */
public final class FanoutWire {
    public static final String SUBSCRIBE = "sub:";
    public static final String SUBSCRIBED = "subscribed:";
    public static final String PUBLISH = "pub:";
    /** centrifugo: the id of a connection's first subscribe command; the connect is id 1. */
    public static final int SUBSCRIBE_FIRST_ID = 2;

    private FanoutWire() {
    }

    /** The body of publication {@code sequence}, padded to {@code size} bytes when it is shorter. */
    public static String body(long sequence, long intendedNanos, int size) {
        StringBuilder b = new StringBuilder(Math.max(size, 48));
        b.append("s=").append(sequence).append(" t=").append(intendedNanos);
        while (b.length() < size) {
            b.append('x');
        }
        return b.toString();
    }

    /** A plain-protocol publication of {@code body} to {@code channel}. */
    public static String plainPublish(String channel, String body) {
        return PUBLISH + channel + " " + body;
    }

    /** A centrifugo {@code publish} command; {@code body} holds no character JSON must escape. */
    public static String centrifugoPublish(long id, String channel, String body) {
        return "{\"id\":" + id + ",\"publish\":{\"channel\":\"" + channel + "\",\"data\":\"" + body + "\"}}";
    }

    /**
     * A centrifugo connect (id 1) and a subscribe to each of {@code channels} (ids 2, 3, ...) in one
     * frame, newline-separated; the server handles them in order.
     */
    public static String centrifugoConnectAndSubscribe(String token, List<String> channels) {
        StringBuilder b = new StringBuilder(centrifugoConnect(token));
        for (int j = 0; j < channels.size(); j++) {
            b.append("\n{\"id\":").append(SUBSCRIBE_FIRST_ID + j).append(",\"subscribe\":{\"channel\":\"")
                    .append(channels.get(j)).append("\"}}");
        }
        return b.toString();
    }

    /** A centrifugo connect alone, for the publisher. */
    public static String centrifugoConnect(String token) {
        return "{\"id\":1,\"connect\":{\"token\":\"" + token + "\"}}";
    }

    /**
     * Reads {@code key=<digits>} (key one byte, e.g. {@code 's'}) from a message, or -1 when the
     * message has none: the first {@code key=} followed by a digit.
     */
    public static long field(byte[] message, int length, byte key) {
        for (int i = 0; i + 2 < length; i++) {
            if (message[i] == key && message[i + 1] == '=' && isDigit(message[i + 2])
                    && (i == 0 || message[i - 1] == ' ' || message[i - 1] == '"')) {
                long v = 0;
                for (int j = i + 2; j < length && isDigit(message[j]); j++) {
                    v = v * 10 + (message[j] - '0');
                }
                return v;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
