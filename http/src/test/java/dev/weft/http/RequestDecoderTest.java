package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.BufferPoolConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RequestDecoderTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();

    @Test
    void simpleGetIsOneRequestAndAnEnd() {
        assertThat(Decoding.run(pool, "GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n"))
                .containsExactly("GET /index.html HTTP_1_1 keepAlive=true", "end");
    }

    @Test
    void headersAreLookedUpIgnoringCaseAndTrimmed() {
        Buffer in = bytes("GET /x?q=1 HTTP/1.1\r\nHost: example.com\r\nX-Thing:  \t v a l \t\r\nx-thing: second\r\n\r\n");
        try (RequestDecoder decoder = new RequestDecoder(pool, HttpLimits.defaults());
             HttpRequest r = (HttpRequest) decoder.decode(in)) {
            HttpHeaders h = r.headers();
            assertThat(h.size()).isEqualTo(3);
            assertThat(h.get("HOST")).isEqualTo("example.com");
            assertThat(h.get("x-THING")).isEqualTo("v a l");
            assertThat(h.count("X-Thing")).isEqualTo(2);
            assertThat(h.name(1)).isEqualTo("X-Thing");
            assertThat(h.get("missing")).isNull();
            assertThat(r.rawPath()).isEqualTo("/x");
            assertThat(r.rawQuery()).isEqualTo("q=1");
            assertThat(r.methodIs("GET")).isTrue();
            assertThat(r.methodIs("get")).as("methods are case-sensitive").isFalse();
            assertThat(r.hasBody()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void contentLengthBodyIsDelivered() {
        assertThat(Decoding.run(pool, "POST /api HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"))
                .containsExactly("POST /api HTTP_1_1 keepAlive=true", "body=hello", "end");
    }

    @Test
    void chunkedBodyIsDecodedAndTrailersDropped() {
        assertThat(Decoding.run(pool, "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n6 \r\n world\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"))
                .containsExactly("POST /c HTTP_1_1 keepAlive=true", "body=hello world0123456789", "end");
    }

    @Test
    void chunkSizesMayHaveLeadingZerosAndUpperCase() {
        assertThat(Decoding.run(pool, "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "00000000000000000002\r\nab\r\n0000000000000000000000C\r\n0123456789AB\r\n000\r\n\r\n"))
                .containsExactly("POST /c HTTP_1_1 keepAlive=true", "body=ab0123456789AB", "end");
    }

    @Test
    void pipelinedRequestsComeOutInOrder() {
        assertThat(Decoding.run(pool, "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n"
                + "GET /4 HTTP/1.0\r\n\r\n"))
                .containsExactly("GET /1 HTTP_1_1 keepAlive=true", "end",
                        "POST /2 HTTP_1_1 keepAlive=true", "body=abc", "end",
                        "POST /3 HTTP_1_1 keepAlive=true", "body=z", "end",
                        "GET /4 HTTP_1_0 keepAlive=false", "end");
    }

    @Test
    void bytesAfterARequestStayInTheInput() {
        Buffer in = bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next");
        try (RequestDecoder decoder = new RequestDecoder(pool, HttpLimits.defaults())) {
            ((HttpRequest) decoder.decode(in)).close();
            assertThat(decoder.decode(in)).isEqualTo(RequestEvent.End.INSTANCE);
            assertThat(in.readableBytes()).as("start of the next request, unread").isEqualTo("GET /next".length());
            assertThat(decoder.decode(in)).isEqualTo(RequestEvent.NeedMoreData.INSTANCE);
            assertThat(in.readableBytes()).as("taken into the next head").isZero();
        } finally {
            in.release();
        }
    }

    @Test
    void upgradeRequestLeavesTheFollowingBytesForTheNewProtocol() {
        Buffer in = bytes("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n\u0081\u0085frame");
        try (RequestDecoder decoder = new RequestDecoder(pool, HttpLimits.defaults());
             HttpRequest r = (HttpRequest) decoder.decode(in)) {
            assertThat(r.isUpgrade()).isTrue();
            assertThat(r.isUpgradeTo("WebSocket")).isTrue();
            assertThat(r.isUpgradeTo("h2c")).isFalse();
            assertThat(in.readableBytes()).as("frame bytes after the head").isEqualTo(7);
            assertThat(in.getByte(in.readIndex()) & 0xFF).isEqualTo(0x81);
        } finally {
            in.release();
        }
    }

    @Test
    void upgradeNeedsBothConnectionTokenAndUpgradeField() {
        assertThat(Decoding.run(pool, "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n"))
                .containsExactly("GET / HTTP_1_1 keepAlive=true", "end");
        assertThat(Decoding.run(pool, "GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\n\r\n"))
                .containsExactly("GET / HTTP_1_1 keepAlive=true", "end");
    }

    @Test
    void keepAliveFollowsVersionAndConnectionTokens() {
        assertThat(Decoding.run(pool, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
                .startsWith("GET / HTTP_1_1 keepAlive=false");
        assertThat(Decoding.run(pool, "GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, CLOSE\r\n\r\n"))
                .startsWith("GET / HTTP_1_1 keepAlive=false");
        assertThat(Decoding.run(pool, "GET / HTTP/1.0\r\n\r\n")).startsWith("GET / HTTP_1_0 keepAlive=false");
        assertThat(Decoding.run(pool, "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))
                .startsWith("GET / HTTP_1_0 keepAlive=true");
        assertThat(Decoding.run(pool, "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n"))
                .startsWith("GET / HTTP_1_0 keepAlive=false");
    }

    @Test
    void higherMinorVersionIsTreatedAsOnePointOne() {
        assertThat(Decoding.run(pool, "GET / HTTP/1.7\r\nHost: a\r\n\r\n")).startsWith("GET / HTTP_1_1 keepAlive=true");
    }

    @Test
    void leadingEmptyLinesAreSkipped() {
        assertThat(Decoding.run(pool, "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"))
                .containsExactly("GET / HTTP_1_1 keepAlive=true", "end");
    }

    @Test
    void absoluteFormTargetHasAPath() {
        Buffer in = bytes("GET http://example.com/a/b?c=d HTTP/1.1\r\nHost: example.com\r\n\r\n");
        try (RequestDecoder decoder = new RequestDecoder(pool, HttpLimits.defaults());
             HttpRequest r = (HttpRequest) decoder.decode(in)) {
            assertThat(r.rawPath()).isEqualTo("/a/b");
            assertThat(r.rawQuery()).isEqualTo("c=d");
        } finally {
            in.release();
        }
    }

    @Test
    void expectContinueIsExposed() {
        Buffer in = bytes("PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n");
        try (RequestDecoder decoder = new RequestDecoder(pool, HttpLimits.defaults());
             HttpRequest r = (HttpRequest) decoder.decode(in)) {
            assertThat(r.expectsContinue()).isTrue();
            assertThat(decoder.decode(in)).as("body not sent yet").isEqualTo(RequestEvent.NeedMoreData.INSTANCE);
        } finally {
            in.release();
        }
    }

    @Test
    void identicalContentLengthsAreAccepted() {
        assertThat(Decoding.run(pool, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok"))
                .containsExactly("POST / HTTP_1_1 keepAlive=true", "body=ok", "end");
    }

    @Test
    void closeReleasesAHalfReadHead() {
        Buffer in = bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Half: ");
        RequestDecoder decoder = new RequestDecoder(pool, HttpLimits.defaults());
        assertThat(decoder.decode(in)).isEqualTo(RequestEvent.NeedMoreData.INSTANCE);
        decoder.close();
        in.release();
        // LeakCheck fails the test if the head buffer was not released.
    }

    @Test
    void contentSlicesOutliveTheDecoderUntilReleased() {
        Buffer in = bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz");
        RequestEvent.Content content;
        try (RequestDecoder decoder = new RequestDecoder(pool, HttpLimits.defaults())) {
            ((HttpRequest) decoder.decode(in)).close();
            content = (RequestEvent.Content) decoder.decode(in);
        }
        in.release();
        assertThat(content.bytes().isReleased()).as("the slice holds a reference").isFalse();
        assertThat(new String(content.bytes().readBytes(3), StandardCharsets.US_ASCII)).isEqualTo("xyz");
        content.close();
        assertThat(content.bytes().isReleased()).isTrue();
    }

    @Test
    void anUnclosedRequestIsReportedAsALeak() {
        // The leak check this suite relies on bites: a request nobody closes holds its head buffer.
        BufferPool own = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(true));
        Buffer in = own.allocate(64);
        in.writeBytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = (HttpRequest) new RequestDecoder(own, HttpLimits.defaults()).decode(in);
        in.release();
        try {
            assertThatThrownBy(own::assertNoLeaks).isInstanceOf(AssertionError.class);
        } finally {
            request.close();
            own.assertNoLeaks();
            own.close();
        }
    }

    private Buffer bytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        Buffer in = pool.allocate(b.length);
        in.writeBytes(b);
        return in;
    }
}
