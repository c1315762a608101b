package dev.weft.websocket;

import static dev.weft.websocket.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    /** The JDK's strict decoder: the oracle. */
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

    /** Validity when fed in two runs split at {@code cut}. */
    private static boolean splitValid(byte[] bytes, int cut) {
        Utf8Validator v = new Utf8Validator();
        return v.update(bytes, 0, cut) && v.update(bytes, cut, bytes.length - cut) && v.isComplete();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "48656c6c6f", "c2a9", "e282ac", "f09f9880", "f48fbfbf", "efbfbf", "ed9fbf", "ee8080",
        "c0af", "c1bf", "e080af", "e09fbf", "f08fbfbf", // overlongs
        "eda080", "edbfbf", // surrogates
        "f4908080", "f5808080", "ff", "fe", // above U+10FFFF, never-valid bytes
        "80", "bf", "c2", "e282", "f09f98", "c241", "e241ac", "cebae1bdb9cf83cebcceb5eda080656469746564"})
    void edgeCasesAgreeWithTheJdk(String hexBytes) {
        byte[] bytes = hex(hexBytes);
        assertThat(Utf8Validator.isValid(bytes)).as(hexBytes).isEqualTo(jdkValid(bytes));
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(splitValid(bytes, cut)).as("%s cut at %d", hexBytes, cut).isEqualTo(jdkValid(bytes));
        }
    }

    @Test
    void randomInputsAgreeWithTheJdkWholeAndSplit() {
        Random random = new Random(1);
        String[] pieces = {"a", "é", "€", "😀", "\uffff", "abcdefghijk", "\u07ff", "\u0800", "\ud7ff", "\ue000"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextBoolean() && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256); // often breaks it
            }
            if (round % 4 == 0) {
                bytes = new byte[random.nextInt(10)];
                random.nextBytes(bytes);
            }
            boolean expected = jdkValid(bytes);
            assertThat(Utf8Validator.isValid(bytes)).as(Bytes.toHex(bytes)).isEqualTo(expected);
            int cut = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            assertThat(splitValid(bytes, cut)).as("%s cut at %d", Bytes.toHex(bytes), cut).isEqualTo(expected);
        }
    }

    @Test
    void failsOnTheFirstInvalidByteNotAtTheEnd() {
        Utf8Validator v = new Utf8Validator();
        assertThat(v.update(hex("48656c6c6f c0"), 0, 6)).as("C0 can never start a sequence").isFalse();
        assertThat(v.isFailed()).isTrue();
        assertThat(v.update(hex("41"), 0, 1)).as("stays failed").isFalse();
    }

    @Test
    void acceptsACodePointSplitAcrossEveryRun() {
        byte[] smile = hex("f09f9880");
        Utf8Validator v = new Utf8Validator();
        for (int i = 0; i < smile.length; i++) {
            assertThat(v.update(smile, i, 1)).isTrue();
            assertThat(v.isComplete()).isEqualTo(i == smile.length - 1);
        }
    }

    @Test
    void longAsciiRunsWithANonAsciiByteAtEveryPosition() {
        for (int pos = 0; pos < 40; pos++) {
            byte[] bytes = "abcdefghijklmnopqrstuvwxyz0123456789ABCD".getBytes(StandardCharsets.US_ASCII);
            bytes[pos] = (byte) 0x80;
            assertThat(Utf8Validator.isValid(bytes)).as("stray continuation at %d", pos).isFalse();
        }
    }

    @Test
    void resetStartsAFreshMessage() {
        Utf8Validator v = new Utf8Validator();
        v.update(hex("e2"), 0, 1);
        assertThat(v.isComplete()).isFalse();
        v.reset();
        assertThat(v.isComplete()).isTrue();
    }
}
