package dev.weft.websocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeTest {

    @Test
    void acceptKeyMatchesTheRfcExample() {
        // RFC 6455 §1.3.
        assertThat(Handshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void keyOfSixteenBase64BytesIsValid() {
        assertThat(Handshake.isValidKey("dGhlIHNhbXBsZSBub25jZQ==")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=!", "dGhlIHNhbXBsZSBub25jZSE=",
        "dGhlIHNhbXBsZSBub25jZQ==dGhl", "short"})
    void otherKeysAreInvalid(String key) {
        assertThat(Handshake.isValidKey(key)).isFalse();
    }

    @Test
    void onlyVersion13IsSupported() {
        assertThat(Handshake.isSupportedVersion("13")).isTrue();
        assertThat(Handshake.isSupportedVersion(" 13 ")).isTrue();
        assertThat(Handshake.isSupportedVersion("8")).isFalse();
        assertThat(Handshake.isSupportedVersion(null)).isFalse();
    }

    @Test
    void nullKeyIsInvalid() {
        assertThat(Handshake.isValidKey(null)).isFalse();
    }

    @Test
    void subprotocolIsTheClientsFirstSupportedChoice() {
        List<String> supported = List.of("centrifuge-protobuf", "centrifuge-json");
        assertThat(Handshake.selectSubprotocol("chat, centrifuge-json , centrifuge-protobuf", supported))
                .contains("centrifuge-json");
        assertThat(Handshake.selectSubprotocol("chat", supported)).isEqualTo(Optional.empty());
        assertThat(Handshake.selectSubprotocol(null, supported)).isEqualTo(Optional.empty());
    }
}
