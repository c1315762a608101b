package dev.weft.websocket.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NegotiationTest {

    private static final String DECLINED = "<none>";

    private static String negotiate(PerMessageDeflate config, String request) {
        Optional<DeflateParameters> p = config.negotiate(request);
        return p.map(DeflateParameters::toHeader).orElse(DECLINED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null | <none>",
        "x-webkit-deflate-frame | <none>",
        "permessage-deflate | permessage-deflate",
        "Permessage-Deflate | permessage-deflate",
        "permessage-deflate; client_max_window_bits | permessage-deflate",
        "permessage-deflate; client_max_window_bits=10 | permessage-deflate",
        "permessage-deflate; server_max_window_bits=15 | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=\"15\" | permessage-deflate; server_max_window_bits=15",
        "permessage-deflate; server_max_window_bits=10 | <none>",
        "permessage-deflate; server_max_window_bits=10, permessage-deflate | permessage-deflate",
        "permessage-deflate; server_max_window_bits | <none>",
        "permessage-deflate; client_max_window_bits=16 | <none>",
        "permessage-deflate; client_max_window_bits=7 | <none>",
        "permessage-deflate; server_no_context_takeover; client_no_context_takeover"
                + " | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; server_no_context_takeover=1 | <none>",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover | <none>",
        "permessage-deflate; unknown_param | <none>",
        "x-webkit-deflate-frame, permessage-deflate; client_max_window_bits | permessage-deflate",
        "permessage-deflate; client_max_window_bits=\"1 | <none>"})
    void picksTheFirstAcceptableOffer(String request, String response) {
        assertThat(negotiate(PerMessageDeflate.defaults(), request)).isEqualTo(response);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "permessage-deflate | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
        "permessage-deflate; client_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover"})
    void serverMayTurnOffContextTakeoverOnItsOwn(String request, String response) {
        PerMessageDeflate config = new PerMessageDeflate(6, 0, true, true);
        assertThat(negotiate(config, request)).isEqualTo(response);
    }
}
