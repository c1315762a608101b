package dev.weft.websocket.deflate;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Server-side permessage-deflate (RFC 7692): settings, negotiation, and the codecs for one
 * connection.
 *
 * <p>Negotiation (§5, §7.1) takes the first acceptable offer in the client's order. An offer is
 * declined (the next one is tried) when it has an unknown or repeated parameter, a bad value,
 * or {@code server_max_window_bits} below 15: java.util.zip's Deflater always uses a 32 KiB
 * window and cannot promise a smaller one, so accepting would let our back-references reach
 * past the client's window. {@code server_max_window_bits=15} is accepted and echoed. The
 * client's window needs no limit (our Inflater reads any window up to 15), so
 * {@code client_max_window_bits} is never sent back. Context takeover: the server's is off when
 * the client asks ({@code server_no_context_takeover}) or this config says so; the client's is
 * asked off when it offered so or this config says so (§7.1.1.2 allows the server to ask).
 *
 * @param compressionLevel Deflater level 0-9
 * @param thresholdBytes messages shorter than this are sent uncompressed (RSV1 clear)
 * @param isServerNoContextTakeover reset our compressor after each message (less memory)
 * @param isClientNoContextTakeover ask the client to reset its compressor after each message
 */
public record PerMessageDeflate(int compressionLevel, long thresholdBytes, boolean isServerNoContextTakeover,
                                boolean isClientNoContextTakeover) {

    private static final int MIN_WINDOW_BITS = 8;
    private static final int MAX_WINDOW_BITS = 15;

    public PerMessageDeflate {
        if (compressionLevel < Deflater.NO_COMPRESSION || compressionLevel > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("compressionLevel must be 0-9, was " + compressionLevel);
        }
        if (thresholdBytes < 0) {
            throw new IllegalArgumentException("thresholdBytes must be >= 0, was " + thresholdBytes);
        }
    }

    /** Level 6, compress messages of 256 bytes and more, context takeover kept both ways. */
    public static PerMessageDeflate defaults() {
        return new PerMessageDeflate(6, 256, false, false);
    }

    /** Whether a message of {@code length} bytes is worth compressing. */
    public boolean shouldCompress(long length) {
        return length >= thresholdBytes;
    }

    /** The agreed parameters for a {@code Sec-WebSocket-Extensions} request value, or empty to go without. */
    public Optional<DeflateParameters> negotiate(String requestHeader) {
        for (ExtensionOffer offer : ExtensionOffer.parseHeader(requestHeader)) {
            if (offer.name().equals(DeflateParameters.EXTENSION_NAME)) {
                Optional<DeflateParameters> p = accept(offer.params());
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<DeflateParameters> accept(List<ExtensionOffer.Param> params) {
        Set<String> seen = new HashSet<>();
        boolean serverNoTakeover = isServerNoContextTakeover;
        boolean clientNoTakeover = isClientNoContextTakeover;
        int serverWindow = 0;
        for (ExtensionOffer.Param p : params) {
            if (!seen.add(p.name())) {
                return Optional.empty();
            }
            switch (p.name()) {
                case "server_no_context_takeover", "client_no_context_takeover" -> {
                    if (p.value() != null) {
                        return Optional.empty();
                    }
                    if (p.name().startsWith("server")) {
                        serverNoTakeover = true;
                    } else {
                        clientNoTakeover = true;
                    }
                }
                case "server_max_window_bits" -> {
                    int bits = windowBits(p.value());
                    if (bits != MAX_WINDOW_BITS) {
                        return Optional.empty(); // bad value, or a window the JDK cannot honor
                    }
                    serverWindow = bits;
                }
                case "client_max_window_bits" -> {
                    if (p.value() != null && windowBits(p.value()) == 0) {
                        return Optional.empty();
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new DeflateParameters(serverNoTakeover, clientNoTakeover, serverWindow, 0));
    }

    /** 8-15, or 0 if {@code value} is absent or not such a number. */
    private static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || !value.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int bits = Integer.parseInt(value);
        return bits >= MIN_WINDOW_BITS && bits <= MAX_WINDOW_BITS ? bits : 0;
    }

    /**
     * The client's {@code Sec-WebSocket-Extensions} offer: permessage-deflate with
     * {@code client_max_window_bits} (we accept any limit the server names, §7.1.2.2) and the
     * context-takeover requests of this config.
     */
    public String clientOffer() {
        StringBuilder sb = new StringBuilder(DeflateParameters.EXTENSION_NAME);
        if (isServerNoContextTakeover) {
            sb.append("; server_no_context_takeover");
        }
        if (isClientNoContextTakeover) {
            sb.append("; client_no_context_takeover");
        }
        return sb.append("; client_max_window_bits").toString();
    }

    /**
     * Checks the server's response to {@link #clientOffer()}: empty if the server declined
     * (no permessage-deflate in it); the agreed parameters if acceptable; a message naming the
     * problem if the client must fail the connection (§7.1: unknown or repeated parameters,
     * more than one permessage-deflate, or a {@code client_max_window_bits} below 15, which
     * java.util.zip's Deflater cannot honor).
     */
    public ClientNegotiation acceptResponse(String responseHeader) {
        List<ExtensionOffer> agreed = ExtensionOffer.parseHeader(responseHeader).stream()
                .filter(o -> o.name().equals(DeflateParameters.EXTENSION_NAME)).toList();
        if (agreed.isEmpty()) {
            return new ClientNegotiation.Declined();
        }
        if (agreed.size() > 1) {
            return new ClientNegotiation.Failed("permessage-deflate accepted more than once");
        }
        Set<String> seen = new HashSet<>();
        boolean serverNoTakeover = false;
        boolean clientNoTakeover = isClientNoContextTakeover;
        int serverWindow = 0;
        int clientWindow = 0;
        for (ExtensionOffer.Param p : agreed.getFirst().params()) {
            if (!seen.add(p.name())) {
                return new ClientNegotiation.Failed("repeated parameter " + p.name());
            }
            switch (p.name()) {
                case "server_no_context_takeover" -> serverNoTakeover = true;
                case "client_no_context_takeover" -> clientNoTakeover = true;
                case "server_max_window_bits" -> serverWindow = windowBits(p.value());
                case "client_max_window_bits" -> clientWindow = windowBits(p.value());
                default -> {
                    return new ClientNegotiation.Failed("unknown parameter " + p.name());
                }
            }
            boolean hasValue = p.value() != null;
            boolean needsValue = p.name().endsWith("window_bits");
            if (hasValue != needsValue || (needsValue && windowBits(p.value()) == 0)) {
                return new ClientNegotiation.Failed("bad parameter " + p.name());
            }
        }
        if (clientWindow != 0 && clientWindow != MAX_WINDOW_BITS) {
            return new ClientNegotiation.Failed("client_max_window_bits=" + clientWindow + " cannot be honored");
        }
        return new ClientNegotiation.Agreed(
                new DeflateParameters(serverNoTakeover, clientNoTakeover, serverWindow, clientWindow));
    }

    /** The compressor for a client connection with {@code agreed} parameters. */
    public MessageDeflater newClientDeflater(DeflateParameters agreed) {
        return new MessageDeflater(compressionLevel, agreed.isClientNoContextTakeover());
    }

    /** The decompressor for a client connection with {@code agreed} parameters. */
    public MessageInflater newClientInflater(DeflateParameters agreed) {
        return new MessageInflater(agreed.isServerNoContextTakeover());
    }

    /** The compressor for a server connection with {@code agreed} parameters. */
    public MessageDeflater newServerDeflater(DeflateParameters agreed) {
        return new MessageDeflater(compressionLevel, agreed.isServerNoContextTakeover());
    }

    /** The decompressor for a server connection with {@code agreed} parameters. */
    public MessageInflater newServerInflater(DeflateParameters agreed) {
        return new MessageInflater(agreed.isClientNoContextTakeover());
    }
}
