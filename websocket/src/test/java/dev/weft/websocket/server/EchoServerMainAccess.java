package dev.weft.websocket.server;

import dev.weft.websocket.session.WebSocketHandler;

/** The echo handler of {@link EchoServerMain}, for tests in other packages. */
public final class EchoServerMainAccess {
    private EchoServerMainAccess() {
    }

    public static WebSocketHandler echo() {
        return EchoServerMain.ECHO;
    }
}
