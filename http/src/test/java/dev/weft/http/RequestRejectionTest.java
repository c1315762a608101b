package dev.weft.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.BufferPool;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed-input rule, each with its exact status and reason. */
class RequestRejectionTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();

    // '|' stands for CRLF, '~' for a bare LF, '^' for a bare CR, '_' for NUL in the inputs below.
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '#', value = {
        "G@T / HTTP/1.1|Host: a||#                 400# invalid method token",
        "' GET / HTTP/1.1|Host: a||'#                400# invalid method token",
        "GET  / HTTP/1.1|Host: a||#                400# missing request target",
        "GET|Host: a||#                            400# missing request target",
        "GET /|Host: a||#                          400# missing HTTP version",
        "GET /a\u0001b HTTP/1.1|Host: a||#         400# invalid character in request target",
        "GET / HTTP/1.1 |Host: a||#                400# invalid HTTP version",
        "GET / http/1.1|Host: a||#                 400# invalid HTTP version",
        "GET / HTTP/11|Host: a||#                  400# invalid HTTP version",
        "GET / HTTP/2.0|Host: a||#                 505# HTTP/2.0 not supported",
        "GET / HTTP/1.1~Host: a||#                 400# bare LF line terminator",
        "GET / HTTP/1.1|Host: a~|#                 400# bare LF line terminator",
        "GET / HTTP/1.1|Host: a^b||#               400# bare CR in line",
        "GET / HTTP/1.1| Host: a||#                400# whitespace before the first header field",
        "GET / HTTP/1.1|Host: a| folded||#         400# obsolete line folding",
        "GET / HTTP/1.1|Host: a|X-A : b||#         400# whitespace before colon in header field",
        "GET / HTTP/1.1|Host: a|X(A): b||#         400# invalid character in header field name",
        "GET / HTTP/1.1|Host: a|: b||#             400# empty header field name",
        "GET / HTTP/1.1|Host: a|NoColon||#         400# header field without colon",
        "GET / HTTP/1.1|Host: a|X: a_b||#          400# invalid character in header field value",
        "GET / HTTP/1.1|X: y||#                    400# missing Host header",
        "GET / HTTP/1.1|Host: a|Host: b||#         400# multiple Host headers",
        "POST / HTTP/1.1|Host: a|Content-Length: 1|Content-Length: 2||# 400# conflicting Content-Length values",
        "POST / HTTP/1.1|Host: a|Content-Length: 1, 2||#                400# conflicting Content-Length values",
        "POST / HTTP/1.1|Host: a|Content-Length: -1||#                  400# invalid Content-Length",
        "POST / HTTP/1.1|Host: a|Content-Length: 1x||#                  400# invalid Content-Length",
        "POST / HTTP/1.1|Host: a|Content-Length: ||#                    400# invalid Content-Length",
        "POST / HTTP/1.1|Host: a|Content-Length: 3|Transfer-Encoding: chunked||# 400# both Content-Length and Transfer-Encoding",
        "POST / HTTP/1.0|Transfer-Encoding: chunked||#                  400# Transfer-Encoding in an HTTP/1.0 request",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: gzip||#             400# final transfer coding is not chunked",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked, chunked||# 400# chunked applied more than once",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: gzip, chunked||#    501# unsupported transfer coding",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||x|#        400# invalid chunk size",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked|||#         400# missing chunk size",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||5 5|#      400# invalid chunk size",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||1000000000000000|# 400# chunk size too large",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||5~#        400# bare LF in chunk size line",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||5^x#       400# bare CR in chunk size line",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||1;a=_|#    400# invalid character in chunk extension",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||1|ab#      400# missing CRLF after chunk data",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||0|X: y~#   400# bare LF in trailer section",
        "POST / HTTP/1.1|Host: a|Transfer-Encoding: chunked||0|X: y^#   400# bare CR in trailer section",
    })
    void malformedRequestIsRejected(String input, int status, String reason) {
        String wire = input.replace("|", "\r\n").replace("~", "\n").replace("^", "\r\u0001").replace("_", "\0");
        assertThat(Decoding.rejection(pool, HttpLimits.defaults(), wire)).isEqualTo("rejected " + status + " " + reason);
    }
}
