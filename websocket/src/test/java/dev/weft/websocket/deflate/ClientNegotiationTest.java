package dev.weft.websocket.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientNegotiationTest {

    private final PerMessageDeflate config = PerMessageDeflate.defaults();

    @Test
    void offerAllowsTheServerToLimitOurWindow() {
        assertThat(config.clientOffer()).isEqualTo("permessage-deflate; client_max_window_bits");
        assertThat(new PerMessageDeflate(6, 0, true, true).clientOffer())
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits");
    }

    @Test
    void serverOfferAcceptedByOurOwnServerIsAgreedByTheClient() {
        String response = config.negotiate(config.clientOffer()).orElseThrow().toHeader();
        assertThat(config.acceptResponse(response))
                .isEqualTo(new ClientNegotiation.Agreed(new DeflateParameters(false, false, 0, 0)));
    }

    @Test
    void responseWithContextTakeoverAndWindowsIsAgreed() {
        assertThat(config.acceptResponse("permessage-deflate; server_no_context_takeover; server_max_window_bits=10;"
                + " client_max_window_bits=15"))
                .isEqualTo(new ClientNegotiation.Agreed(new DeflateParameters(true, false, 10, 15)));
    }

    @Test
    void noExtensionInTheResponseIsDeclined() {
        assertThat(config.acceptResponse(null)).isEqualTo(new ClientNegotiation.Declined());
        assertThat(config.acceptResponse("x-other")).isEqualTo(new ClientNegotiation.Declined());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate; client_max_window_bits=10 | client_max_window_bits=10 cannot be honored",
        "permessage-deflate; client_max_window_bits | bad parameter client_max_window_bits",
        "permessage-deflate; server_max_window_bits=16 | bad parameter server_max_window_bits",
        "permessage-deflate; server_no_context_takeover=1 | bad parameter server_no_context_takeover",
        "permessage-deflate; mystery | unknown parameter mystery",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | repeated parameter server_no_context_takeover",
        "permessage-deflate, permessage-deflate | permessage-deflate accepted more than once"})
    void invalidResponsesFailTheConnection(String response, String reason) {
        assertThat(config.acceptResponse(response)).isEqualTo(new ClientNegotiation.Failed(reason));
    }
}
