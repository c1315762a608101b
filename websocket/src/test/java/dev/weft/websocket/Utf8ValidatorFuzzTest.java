package dev.weft.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Differential fuzzing of {@link Utf8Validator} against the JDK's strict UTF-8 decoder, and of
 * its vector check against its DFA alone for the rejecting offset. Byte 0 picks where the input
 * is cut into two runs; the rest is the text. Replays the inputs under
 * {@code src/test/resources/dev/weft/websocket/Utf8ValidatorFuzzTestInputs/validate/} in
 * {@code mvn test}.
 */
class Utf8ValidatorFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void validate(byte[] input) {
        if (input.length < 1) {
            return;
        }
        byte[] text = Arrays.copyOfRange(input, 1, input.length);
        int cut = text.length == 0 ? 0 : (input[0] & 0xff) % (text.length + 1);
        Utf8Validator v = new Utf8Validator();
        boolean isValid = v.update(text, 0, cut) && v.update(text, cut, text.length - cut) && v.isComplete();
        assertThat(isValid).as("%s cut at %d", Bytes.toHex(text), cut).isEqualTo(jdkValid(text));
        Utf8Validator dfa = new Utf8Validator(false);
        if (dfa.update(text, 0, cut)) {
            dfa.update(text, cut, text.length - cut);
        }
        assertThat(v.rejectedAt()).as("rejecting offset in %s cut at %d", Bytes.toHex(text), cut)
                .isEqualTo(dfa.rejectedAt());
    }

    private static boolean jdkValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
