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

    /** The compressor for a server connection with {@code agreed} parameters. */
    public MessageDeflater newServerDeflater(DeflateParameters agreed) {
        return new MessageDeflater(compressionLevel, agreed.isServerNoContextTakeover());
    }

    /** The decompressor for a server connection with {@code agreed} parameters. */
    public MessageInflater newServerInflater(DeflateParameters agreed) {
        return new MessageInflater(agreed.isClientNoContextTakeover());
    }
}
