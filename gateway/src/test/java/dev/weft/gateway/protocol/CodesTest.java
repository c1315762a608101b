package dev.weft.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The numbers clients act on: Centrifugo's error and disconnect codes. */
class CodesTest {
    @Test
    void errorCodesMatchCentrifugo() {
        assertThat(Arrays.stream(ErrorCode.values()).map(e -> e.code() + " " + e.message()))
                .containsExactly("100 internal server error", "101 unauthorized", "102 unknown channel",
                        "103 permission denied", "104 method not found", "105 already subscribed",
                        "106 limit exceeded", "107 bad request", "108 not available", "109 token expired",
                        "110 expired", "111 too many requests", "112 unrecoverable position");
        assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::isTemporary))
                .containsExactly(ErrorCode.INTERNAL, ErrorCode.TOO_MANY_REQUESTS);
    }

    @Test
    void disconnectCodesMatchCentrifugo() {
        assertThat(Arrays.stream(DisconnectCode.values()).map(d -> d.code() + " " + d.reason()))
                .containsExactly("3000 connection closed", "3001 shutdown", "3004 internal server error",
                        "3005 connection expired", "3006 subscription expired", "3008 slow", "3009 write error",
                        "3010 insufficient state", "3011 force reconnect", "3012 no pong", "3013 too many requests",
                        "3500 invalid token", "3501 bad request", "3502 stale", "3503 force disconnect",
                        "3504 connection limit", "3505 channel limit", "3506 inappropriate protocol",
                        "3507 permission denied", "3508 not available", "3509 too many errors");
    }

    @Test
    void reconnectRanges() {
        assertThat(DisconnectCode.SLOW.toDisconnect().reconnect()).isTrue();
        assertThat(DisconnectCode.SHUTDOWN.toDisconnect().reconnect()).isTrue();
        assertThat(DisconnectCode.BAD_REQUEST.toDisconnect().reconnect()).isFalse();
        assertThat(new Disconnect(3499, "x").reconnect()).isTrue();
        assertThat(new Disconnect(3500, "x").reconnect()).isFalse();
        assertThat(new Disconnect(4499, "app").reconnect()).isTrue();
        assertThat(new Disconnect(4500, "app").reconnect()).isFalse();
    }

    @Test
    void disconnectRejectsCodesOutsideTheApplicationRangeAndLongReasons() {
        assertThatThrownBy(() -> new Disconnect(1000, "normal")).hasMessageContaining("3000..4999");
        assertThatThrownBy(() -> new Disconnect(4000, "x".repeat(124))).hasMessageContaining("123 bytes");
    }

    @Test
    void rawJsonValidatesAndStripsNewlines() {
        assertThat(RawJson.of("{\n \"a\": \"b\\nc\"\n}")).hasToString("{ \"a\": \"b\\nc\"}");
        assertThatThrownBy(() -> RawJson.of("{")).hasMessageContaining("invalid JSON payload");
        assertThatThrownBy(() -> RawJson.of("1 2")).hasMessageContaining("more than one value");
        assertThatThrownBy(() -> RawJson.of("")).hasMessageContaining("empty JSON payload");
    }
}
