package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.BufferPool;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder gives the same result whatever the read boundaries: each input is cut in two at
 * every byte, in three at every pair of bytes for the short ones, and fed one byte per read.
 */
class SplitResumptionTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n",
        "\r\nPOST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world",
        "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n"
                + "0\r\nTrailer: t\r\n\r\n",
        "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nxyGET /3 HTTP/1.0\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
        "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX",
    })
    void everyTwoWaySplitDecodesLikeTheWhole(String request) {
        byte[] all = request.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = Decoding.run(pool, HttpLimits.defaults(), all);
        assertThat(whole).isNotEmpty();
        for (int cut = 0; cut <= all.length; cut++) {
            List<String> split = Decoding.run(pool, HttpLimits.defaults(),
                    Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length));
            assertThat(split).as("cut at %d of %d", cut, all.length).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /x HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n",
    })
    void everyThreeWaySplitDecodesLikeTheWhole(String request) {
        byte[] all = request.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = Decoding.run(pool, HttpLimits.defaults(), all);
        for (int i = 0; i <= all.length; i++) {
            for (int j = i; j <= all.length; j++) {
                List<String> split = Decoding.run(pool, HttpLimits.defaults(), Arrays.copyOfRange(all, 0, i),
                        Arrays.copyOfRange(all, i, j), Arrays.copyOfRange(all, j, all.length));
                assertThat(split).as("cuts at %d and %d", i, j).isEqualTo(whole);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n",
    })
    void oneBytePerReadDecodesLikeTheWhole(String request) {
        byte[] all = request.getBytes(StandardCharsets.ISO_8859_1);
        byte[][] pieces = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            pieces[i] = new byte[] {all[i]};
        }
        assertThat(Decoding.run(pool, HttpLimits.defaults(), pieces))
                .isEqualTo(Decoding.run(pool, HttpLimits.defaults(), all));
    }
}
