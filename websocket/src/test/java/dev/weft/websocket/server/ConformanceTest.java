package dev.weft.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.deflate.PerMessageDeflate;
import dev.weft.websocket.session.WebSocketOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 6455 / RFC 7692 conformance of the Weft echo server, with raw sockets writing exact bytes,
 * grouped like the Autobahn|Testsuite cases: 1 framing, 2 ping/pong, 3 reserved bits,
 * 4 opcodes, 5 fragmentation, 6 UTF-8, 7 close handling, 9 limits, 12/13 compression. Each
 * test asserts the exact frames or close code the RFC requires, on every backend.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConformanceTest {

    private static final int MAX_MESSAGE = 96 * 1024;
    private static final String DEFLATE_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    private EchoFixture fixture;

    private RawClient open(IoBackend backend, String fields) throws Exception {
        WebSocketOptions options = WebSocketOptions.defaults().withMaxMessageBytes(MAX_MESSAGE)
                .withDeflate(PerMessageDeflate.defaults());
        fixture = new EchoFixture(backend, leaks.newPool(), options, EchoServerMain.ECHO);
        return RawClient.open(fixture.port, fields);
    }

    private RawClient open(IoBackend backend) throws Exception {
        return open(backend, "");
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    // ---- 1 framing ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void echoesEveryLengthEncodingUnmaskedAndMinimal(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            for (int len : new int[] {0, 1, 125, 126, 127, 65535, 65536, 90_000}) {
                byte[] payload = new byte[len];
                Arrays.fill(payload, (byte) '*');
                c.send(0x82, payload);
                RawClient.Frame f = c.read();
                assertThat(f.fin()).isTrue();
                assertThat(f.opcode()).isEqualTo(0x2);
                assertThat(f.masked()).as("server frames are unmasked").isFalse();
                assertThat(f.payload()).as("echo of %d bytes", len).isEqualTo(payload);
            }
            c.send(0x88, hex("03e8")); // close 1000
            c.expectCloseThenEnd(1000);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void unmaskedClientFrameFailsWith1002(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.out.write(RawClient.frame(0x81, utf8("plain"), false));
            c.expectCloseThenEnd(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void nonMinimalLengthFailsWith1002(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.out.write(hex("81fe0005" + "00000000") ); // length 5 in the 16-bit form, mask key 0
            c.out.write(utf8("hello"));
            c.expectCloseThenEnd(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void framesSplitIntoSingleBytesStillEcho(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            byte[] frame = RawClient.frame(0x81, utf8("byte by byte"), true);
            for (byte b : frame) {
                c.out.write(b);
                c.out.flush();
            }
            assertThat(c.read().text()).isEqualTo("byte by byte");
        }
    }

    // ---- 2 ping/pong -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void answersPingWithSamePayload(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            byte[] body = new byte[125];
            Arrays.fill(body, (byte) 0xfe);
            c.send(0x89, body);
            RawClient.Frame pong = c.read();
            assertThat(pong.opcode()).isEqualTo(0xa);
            assertThat(pong.payload()).isEqualTo(body);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void pingOver125BytesFailsWith1002(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x89, new byte[126]);
            c.expectCloseThenEnd(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void fragmentedPingFailsWith1002(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x09, utf8("frag")); // ping without FIN
            c.expectCloseThenEnd(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void unsolicitedPongIsIgnored(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x8a, utf8("unasked"));
            c.sendText("after pong");
            assertThat(c.read().text()).isEqualTo("after pong");
        }
    }

    // ---- 3 reserved bits -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void reservedBitsFailWith1002(IoBackend backend) throws Exception {
        for (int rsv : new int[] {0x40, 0x20, 0x10}) { // RSV1 without deflate, RSV2, RSV3
            try (RawClient c = open(backend)) {
                c.sendText("ok first");
                assertThat(c.read().text()).isEqualTo("ok first");
                c.send(0x81 | rsv, utf8("reserved"));
                c.expectCloseThenEnd(1002);
            }
            stop();
            fixture = null;
        }
    }

    // ---- 4 opcodes -------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void reservedOpcodesFailWith1002(IoBackend backend) throws Exception {
        for (int opcode : new int[] {0x3, 0x7, 0xb, 0xf}) {
            try (RawClient c = open(backend)) {
                c.send(0x80 | opcode, new byte[0]);
                c.expectCloseThenEnd(1002);
            }
            stop();
            fixture = null;
        }
    }

    // ---- 5 fragmentation -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void joinsFragmentsAroundAPing(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x01, utf8("frag"));   // text, not FIN
            c.send(0x89, utf8("p"));      // ping between fragments
            c.send(0x00, utf8("men"));    // continuation
            c.send(0x80, utf8("ted"));    // final continuation
            RawClient.Frame pong = c.read();
            assertThat(pong.opcode()).isEqualTo(0xa);
            assertThat(pong.text()).isEqualTo("p");
            RawClient.Frame text = c.read();
            assertThat(text.opcode()).isEqualTo(0x1);
            assertThat(text.text()).isEqualTo("fragmented");
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void continuationWithoutStartFailsWith1002(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x80, utf8("orphan"));
            c.expectCloseThenEnd(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void newMessageInsideFragmentedOneFailsWith1002(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x01, utf8("start"));
            c.send(0x81, utf8("intruder"));
            c.expectCloseThenEnd(1002);
        }
    }

    // ---- 6 UTF-8 ---------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void invalidUtf8FailsWith1007(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x81, hex("c0af")); // overlong encoding of '/'
            c.expectCloseThenEnd(1007);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void invalidUtf8AcrossFragmentsFailsWith1007(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x01, hex("cebae1bdb9cf83cebcceb5")); // valid "κόσμε"
            c.send(0x00, hex("eda080"));                 // a surrogate half: invalid
            c.expectCloseThenEnd(1007);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void codePointSplitAcrossFragmentsIsValid(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x01, hex("f0"));      // first byte of U+1F600
            c.send(0x00, hex("9f98"));
            c.send(0x80, hex("80"));
            assertThat(c.read().text()).isEqualTo("\uD83D\uDE00");
        }
    }

    // ---- 7 close handling ------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void emptyCloseIsAnsweredWithEmptyClose(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x88, new byte[0]);
            RawClient.Frame f = c.read();
            assertThat(f.opcode()).isEqualTo(0x8);
            assertThat(f.payload()).isEmpty();
            c.expectEnd();
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void closeCodeIsEchoedAndDataAfterCloseIgnored(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            byte[] body = new byte[2 + 5];
            body[0] = 0x0b; // 3000
            body[1] = (byte) 0xb8;
            System.arraycopy(utf8("reason"), 0, body, 2, 5);
            c.send(0x88, body);
            c.sendText("after close"); // must not be echoed
            c.expectCloseThenEnd(3000);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void oneByteCloseBodyFailsWith1002(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x88, hex("03"));
            c.expectCloseThenEnd(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void invalidCloseCodesFailWith1002(IoBackend backend) throws Exception {
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000}) {
            try (RawClient c = open(backend)) {
                c.send(0x88, new byte[] {(byte) (code >>> 8), (byte) code});
                c.expectCloseThenEnd(1002);
            }
            stop();
            fixture = null;
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void closeReasonNotUtf8FailsWith1007(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x88, hex("03e8c0af"));
            c.expectCloseThenEnd(1007);
        }
    }

    // ---- 9 limits --------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void messageOverTheLimitFailsWith1009(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x02, new byte[MAX_MESSAGE / 2]);
            c.send(0x80, new byte[MAX_MESSAGE / 2 + 1]);
            c.expectCloseThenEnd(1009);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void messageAtTheLimitIsEchoed(IoBackend backend) throws Exception {
        try (RawClient c = open(backend)) {
            c.send(0x82, new byte[MAX_MESSAGE]);
            assertThat(c.read().payload()).hasSize(MAX_MESSAGE);
        }
    }

    // ---- 12/13 compression -----------------------------------------------------------------

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
            if (n < buf.length) {
                break;
            }
        }
        d.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4); // RFC 7692 §7.2.1: drop the trailing 00 00 ff ff
    }

    private static byte[] inflate(byte[] data) throws Exception {
        Inflater i = new Inflater(true);
        byte[] in = Arrays.copyOf(data, data.length + 4);
        in[data.length + 2] = (byte) 0xff;
        in[data.length + 3] = (byte) 0xff;
        i.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!i.needsInput()) {
            int n = i.inflate(buf);
            if (n == 0 && i.needsInput()) {
                break;
            }
            out.write(buf, 0, n);
        }
        i.end();
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void negotiatesDeflateAndEchoesCompressedMessages(IoBackend backend) throws Exception {
        try (RawClient c = open(backend, DEFLATE_OFFER)) {
            assertThat(c.responseHead).containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate");
            String text = "compress me ".repeat(100);
            c.send(0xc1, deflate(utf8(text))); // FIN, RSV1, text
            RawClient.Frame f = c.read();
            assertThat(f.rsv()).as("RSV1 set on a compressed answer").isEqualTo(4);
            assertThat(new String(inflate(f.payload()), StandardCharsets.UTF_8)).isEqualTo(text);
            c.send(0x81, utf8("short")); // uncompressed messages stay allowed
            RawClient.Frame plain = c.read();
            assertThat(plain.rsv()).as("below the threshold, sent plain").isZero();
            assertThat(plain.text()).isEqualTo("short");
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void rsv1OnContinuationFailsWith1002(IoBackend backend) throws Exception {
        try (RawClient c = open(backend, DEFLATE_OFFER)) {
            byte[] z = deflate(utf8("two parts"));
            c.send(0x41, Arrays.copyOf(z, 3));
            c.send(0xc0, Arrays.copyOfRange(z, 3, z.length));
            c.expectCloseThenEnd(1002);
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void badDeflateDataFailsWith1007(IoBackend backend) throws Exception {
        try (RawClient c = open(backend, DEFLATE_OFFER)) {
            c.send(0xc2, hex("ffffffffffff"));
            c.expectCloseThenEnd(1007);
        }
    }
}
