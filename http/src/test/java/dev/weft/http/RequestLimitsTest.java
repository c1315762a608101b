package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.BufferPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each limit at its edge: the largest accepted input, and one byte more with its status. */
class RequestLimitsTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();
    final HttpLimits limits = HttpLimits.defaults();

    @Test
    void requestLineOfExactly8KiBIsAccepted() {
        String line = requestLine(8192);
        assertThat(line.length()).isEqualTo(8192);
        assertThat(Decoding.run(pool, line + "\r\nHost: a\r\n\r\n")).endsWith("end");
    }

    @Test
    void longerTargetIs414() {
        assertThat(Decoding.rejection(pool, limits, requestLine(8193) + "\r\nHost: a\r\n\r\n"))
                .isEqualTo("rejected 414 request target longer than 8192 bytes");
    }

    @Test
    void targetOverflowIs414EvenBeforeTheLineEnds() {
        assertThat(Decoding.rejection(pool, limits, "GET /" + "a".repeat(9000)))
                .isEqualTo("rejected 414 request target longer than 8192 bytes");
    }

    @Test
    void longLineThatIsNotALongTargetIs400() {
        assertThat(Decoding.rejection(pool, limits, "G".repeat(9000)))
                .isEqualTo("rejected 400 request line longer than 8192 bytes");
        assertThat(Decoding.rejection(pool, limits, "GET / HTTP/1.1" + " ".repeat(9000)))
                .isEqualTo("rejected 400 request line longer than 8192 bytes");
    }

    @Test
    void headerSectionOfExactly64KiBIsAccepted() {
        String fields = fields(65536);
        assertThat(Decoding.run(pool, "GET / HTTP/1.1\r\n" + fields + "\r\n")).endsWith("end");
    }

    @Test
    void headerSectionOneByteLargerIs431() {
        assertThat(Decoding.rejection(pool, limits, "GET / HTTP/1.1\r\n" + fields(65537) + "\r\n"))
                .isEqualTo("rejected 431 header section larger than 65536 bytes");
    }

    @Test
    void hundredFieldsAreAcceptedAndOneMoreIs431() {
        StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (int i = 1; i < 100; i++) {
            sb.append("X-").append(i).append(": v\r\n");
        }
        assertThat(Decoding.run(pool, sb + "\r\n")).endsWith("end");
        assertThat(Decoding.rejection(pool, limits, sb + "X-100: v\r\n\r\n"))
                .isEqualTo("rejected 431 more than 100 header fields");
    }

    @Test
    void contentLengthAboveTheBodyLimitIs413BeforeAnyBodyArrives() {
        HttpLimits small = limits.withMaxBodyBytes(10);
        assertThat(Decoding.rejection(pool, small, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n"))
                .isEqualTo("rejected 413 body larger than 10 bytes");
        assertThat(Decoding.run(pool, small, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789"
                .getBytes())).containsExactly("POST / HTTP_1_1 keepAlive=true", "body=0123456789", "end");
    }

    @Test
    void hugeContentLengthIs413() {
        assertThat(Decoding.rejection(pool, limits, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n"))
                .isEqualTo("rejected 413 Content-Length too large");
    }

    @Test
    void chunkedBodyAboveTheLimitIs413AtTheChunkThatCrossesIt() {
        HttpLimits small = limits.withMaxBodyBytes(10);
        String head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(Decoding.run(pool, small, (head + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n").getBytes()))
                .endsWith("body=0123456789", "end");
        assertThat(Decoding.run(pool, small, (head + "5\r\n01234\r\n6\r\n").getBytes()))
                .endsWith("rejected 413 body larger than 10 bytes");
    }

    @Test
    void trailerSectionIsBoundedLikeHeaders() {
        String head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n";
        assertThat(Decoding.rejection(pool, limits.withMaxHeaderBytes(100), head + "X: " + "t".repeat(200) + "\r\n\r\n"))
                .isEqualTo("rejected 431 trailer section larger than 100 bytes");
    }

    @Test
    void chunkExtensionsAreBounded() {
        String head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(Decoding.rejection(pool, limits, head + "1;" + "e".repeat(5000) + "\r\n"))
                .isEqualTo("rejected 400 chunk size line longer than 4096 bytes");
    }

    /** "GET /aaa... HTTP/1.1" of exactly {@code length} bytes. */
    private static String requestLine(int length) {
        return "GET /" + "a".repeat(length - "GET / HTTP/1.1".length()) + " HTTP/1.1";
    }

    /** Host plus one filler field, {@code bytes} bytes in all with their CRLFs. */
    private static String fields(int bytes) {
        String host = "Host: a\r\n";
        int filler = bytes - host.length() - "X: \r\n".length();
        return host + "X: " + "f".repeat(filler) + "\r\n";
    }
}
