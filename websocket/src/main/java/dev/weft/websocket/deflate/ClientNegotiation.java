package dev.weft.websocket.deflate;

/** The client's view of the server's permessage-deflate answer. Switch over it exhaustively. */
public sealed interface ClientNegotiation {

    /** The server accepted with these parameters. */
    record Agreed(DeflateParameters parameters) implements ClientNegotiation {
    }

    /** The server did not accept the extension; messages go uncompressed. */
    record Declined() implements ClientNegotiation {
    }

    /** The answer breaks RFC 7692 §7.1 or cannot be honored: the client fails the connection. */
    record Failed(String reason) implements ClientNegotiation {
    }
}
