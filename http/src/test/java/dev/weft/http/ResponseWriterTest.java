package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResponseWriterTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();
    final Buffer out = pool.allocate(4096);
    final ResponseWriter writer = new ResponseWriter(null);

    @AfterEach
    void releaseOut() {
        out.release();
    }

    @Test
    void fixedBodyGetsContentLength() {
        boolean stays = writer.writeResponse(out, ResponseHead.of(200).with("Content-Type", "text/plain"),
                HttpVersion.HTTP_1_1, bytes("hi"), true);
        assertThat(stays).isTrue();
        assertThat(text()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi");
    }

    @Test
    void closingConnectionSaysSo() {
        boolean stays = writer.writeResponse(out, ResponseHead.of(404), HttpVersion.HTTP_1_1, bytes(""), false);
        assertThat(stays).isFalse();
        assertThat(text()).isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    @Test
    void http10KeepAliveIsExplicit() {
        writer.writeResponse(out, ResponseHead.of(200), HttpVersion.HTTP_1_0, bytes("x"), true);
        assertThat(text()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: keep-alive\r\n\r\nx");
    }

    @Test
    void streamedBodyIsChunkedFor11() {
        boolean stays = writer.writeHead(out, ResponseHead.of(200), HttpVersion.HTTP_1_1, ResponseWriter.STREAMED, true);
        writer.writeChunk(out, MemorySegment.ofArray(bytes("hello")));
        writer.writeChunk(out, MemorySegment.ofArray(bytes("")));
        writer.writeChunk(out, MemorySegment.ofArray(bytes("0123456789abcdefg")));
        writer.writeLastChunk(out);
        assertThat(stays).isTrue();
        assertThat(text()).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n11\r\n0123456789abcdefg\r\n0\r\n\r\n");
    }

    @Test
    void chunkedOutputDecodesBackThroughTheRequestDecoder() {
        // The same chunk syntax both ways: what the writer emits, the decoder reads.
        writer.writeChunk(out, MemorySegment.ofArray(bytes("abc")));
        writer.writeChunk(out, MemorySegment.ofArray(bytes("defgh")));
        writer.writeLastChunk(out);
        String request = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + text();
        assertThat(Decoding.run(pool, request)).containsExactly("POST / HTTP_1_1 keepAlive=true", "body=abcdefgh", "end");
    }

    @Test
    void streamedBodyFor10IsDelimitedByClose() {
        boolean stays = writer.writeHead(out, ResponseHead.of(200), HttpVersion.HTTP_1_0, ResponseWriter.STREAMED, true);
        assertThat(stays).as("HTTP/1.0 has no chunked coding").isFalse();
        assertThat(text()).isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
    }

    @Test
    void noContentHasNoFramingFields() {
        writer.writeResponse(out, ResponseHead.of(204), HttpVersion.HTTP_1_1, bytes(""), true);
        assertThat(text()).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
    }

    @Test
    void dateFieldIsImfFixdate() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-05T07:08:09.500Z"), ZoneOffset.UTC);
        new ResponseWriter(new HttpDate(clock)).writeResponse(out, ResponseHead.of(200), HttpVersion.HTTP_1_1,
                bytes(""), true);
        assertThat(text()).contains("\r\nDate: Thu, 05 Mar 2026 07:08:09 GMT\r\n");
    }

    @Test
    void rejectionCarriesStatusReasonAndClose() {
        writer.writeRejection(out, new RequestEvent.Rejected(431, "more than 100 header fields"));
        assertThat(text()).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 28\r\nConnection: close\r\n\r\n"
                + "more than 100 header fields\n");
    }

    @Test
    void continueIsAnInterimResponse() {
        writer.writeContinue(out);
        assertThat(text()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    }

    @Test
    void fieldsThatWouldSplitTheResponseAreRefused() {
        assertThatThrownBy(() -> ResponseHead.of(200).with("X", "a\r\nSet-Cookie: x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value of X");
        assertThatThrownBy(() -> ResponseHead.of(200).with("Bad Name", "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseHead.of(200).with("content-length", "5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ResponseWriter");
    }

    @Test
    void tooSmallOutputWritesNothing() {
        try (var unused = new Closer(pool.allocate(10))) {
            Buffer small = unused.buffer;
            assertThatThrownBy(() -> writer.writeResponse(small, ResponseHead.of(200), HttpVersion.HTTP_1_1,
                    bytes(""), true)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(small.writeIndex()).isZero();
        }
    }

    private record Closer(Buffer buffer) implements AutoCloseable {
        @Override
        public void close() {
            buffer.release();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private String text() {
        return new String(out.readBytes((int) out.readableBytes()), StandardCharsets.ISO_8859_1);
    }
}
