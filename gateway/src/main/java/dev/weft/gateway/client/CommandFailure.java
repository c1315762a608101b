package dev.weft.gateway.client;

import dev.weft.gateway.protocol.Disconnect;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.ErrorCode;
import dev.weft.gateway.protocol.ReplyError;

/** Ends a command early: either an error reply, or closing the connection. */
sealed abstract class CommandFailure extends Exception {
    CommandFailure(String message) {
        super(message, null, false, false);
    }

    static Reply error(ErrorCode code) {
        return new Reply(code.toError());
    }

    static Close close(DisconnectCode code, String why) {
        return new Close(code.toDisconnect(), why);
    }

    /** The command gets {@code error} in its reply; the connection stays. */
    static final class Reply extends CommandFailure {
        final ReplyError error;

        Reply(ReplyError error) {
            super(error.message());
            this.error = error;
        }
    }

    /** The connection is closed with {@code disconnect}; {@code why} is for logs. */
    static final class Close extends CommandFailure {
        final Disconnect disconnect;

        Close(Disconnect disconnect, String why) {
            super(why);
            this.disconnect = disconnect;
        }
    }
}
