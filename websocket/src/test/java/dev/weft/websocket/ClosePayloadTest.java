package dev.weft.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClosePayloadTest {

    private static byte[] body(int code, byte... reason) {
        byte[] b = new byte[2 + reason.length];
        b[0] = (byte) (code >>> 8);
        b[1] = (byte) code;
        System.arraycopy(reason, 0, b, 2, reason.length);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void validCodesAreAccepted(int code) {
        byte[] b = body(code, "ok".getBytes(StandardCharsets.UTF_8));
        assertThat(ClosePayload.parse(b, b.length)).isEqualTo(new ClosePayload(code, "ok"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCodesAre1002(int code) {
        byte[] b = body(code);
        assertThat(ClosePayload.parse(b, b.length)).isEqualTo(Violation.protocolError("invalid close code " + code));
    }

    @Test
    void emptyBodyMeansNoStatus() {
        assertThat(ClosePayload.parse(new byte[0], 0)).isEqualTo(new ClosePayload(CloseCode.NO_STATUS_RECEIVED, ""));
    }

    @Test
    void oneByteBodyIs1002() {
        assertThat(ClosePayload.parse(new byte[] {3}, 1)).isEqualTo(Violation.protocolError("close payload of 1 byte"));
    }

    @Test
    void reasonThatIsNotUtf8Is1007() {
        byte[] b = body(1000, (byte) 0xce, (byte) 0xba, (byte) 0xe1, (byte) 0xbd);
        assertThat(ClosePayload.parse(b, b.length)).isEqualTo(Violation.invalidPayload("close reason is not UTF-8"));
    }

    @Test
    void encodeRoundTripsAndCutsLongReasonsAtACodePoint() {
        byte[] b = new ClosePayload(1001, "gone").encode();
        assertThat(ClosePayload.parse(b, b.length)).isEqualTo(new ClosePayload(1001, "gone"));
        byte[] longBody = new ClosePayload(1000, "€".repeat(60)).encode(); // 180 bytes of reason
        assertThat(longBody.length).isLessThanOrEqualTo(125);
        assertThat(ClosePayload.parse(longBody, longBody.length)).isEqualTo(new ClosePayload(1000, "€".repeat(41)));
        assertThat(new ClosePayload(CloseCode.NO_STATUS_RECEIVED, "").encode()).isEmpty();
        assertThatThrownBy(() -> new ClosePayload(1006, "").encode()).isInstanceOf(IllegalArgumentException.class);
    }
}
