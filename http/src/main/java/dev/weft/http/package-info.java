/**
 * HTTP/1.1 over byte buffers (RFC 9112 message syntax, RFC 9110 semantics), independent of any
 * transport: {@link dev.weft.http.RequestDecoder} turns received bytes into
 * {@link dev.weft.http.RequestEvent}s, {@link dev.weft.http.ResponseWriter} turns responses into
 * bytes, {@link dev.weft.http.Router} picks a handler.
 *
 * <h2>Decoder states</h2>
 * One method per state in {@code RequestDecoder}; each returns an event or goes on to the next
 * state with the bytes it has. Any state may stop with {@code NeedMoreData} once the input is
 * consumed and resume at the next call, so a request may be split at any byte.
 * <ol>
 *   <li><b>REQUEST_LINE</b>: copy bytes into the head buffer up to LF; skip empty lines; parse
 *       {@code method SP target SP version}. Next: 2.
 *   <li><b>HEADERS</b>: one field line per LF, checked as it completes; the empty line ends the
 *       head: framing is decided ({@code Framing}) and the {@link dev.weft.http.HttpRequest} is
 *       emitted, taking the head buffer. Next: 3 (Content-Length), 4 (chunked) or 8 (no body).
 *   <li><b>BODY_FIXED</b>: emit slices of the input until Content-Length bytes are out. Next: 8.
 *   <li><b>CHUNK_SIZE</b>: one byte at a time, {@code hex [ ws ] [ ; ext ] CRLF}. Next: 5, or 7
 *       after the zero-size chunk.
 *   <li><b>CHUNK_DATA</b>: emit slices of the input until the chunk is out. Next: 6.
 *   <li><b>CHUNK_DATA_CRLF</b>: exactly CR LF. Next: 4.
 *   <li><b>TRAILERS</b>: lines up to the empty line, framed and bounded, then dropped. Next: 8.
 *   <li><b>MESSAGE_END</b>: emit {@code End}. Next: 1, on the bytes left after the request
 *       (pipelining), or the caller hands those bytes to an accepted upgrade.
 *   <li><b>FAILED</b>: a rule or limit was broken; every call returns the same {@code Rejected}.
 *       The caller answers it and closes: framing past an error cannot be trusted.
 * </ol>
 * Correct to resume anywhere because all progress lives in fields (the head write offset and
 * line start, the chunk-line and CRLF sub-states, the bytes left), never in locals across calls,
 * and each state consumes exactly the bytes it has judged.
 *
 * <h2>Limits and statuses</h2>
 * <ul>
 *   <li>Request line over {@code maxRequestLineBytes} (8 KiB): 414 if the target is what made it
 *       long, else 400.
 *   <li>Header section over {@code maxHeaderBytes} (64 KiB, CRLFs included) or more than
 *       {@code maxHeaderFields} (100) lines: 431. Trailers get the same byte bound.
 *   <li>Body over {@code maxBodyBytes} (1 MiB by default): 413, from Content-Length before any body
 *       byte, or from the chunk size that crosses it.
 *   <li>Chunk-size lines over 4 KiB (extensions are ignored but bounded): 400.
 *   <li>Malformed syntax: 400 with the rule broken (bare LF or CR, obs-fold, space before colon,
 *       bad token, bad version, conflicting Content-Length, Content-Length with
 *       Transfer-Encoding, bad chunk size, missing or repeated Host). A transfer coding other
 *       than chunked: 501. A major version other than 1: 505.
 * </ul>
 *
 * <h2>Memory</h2>
 * The head is copied once into a pooled buffer (1 KiB, doubled as needed up to the limits); header
 * names and values stay offsets into it until a getter asks for a {@code String}, and lookups
 * compare bytes. Body bytes are never copied: each {@code Content} is a slice of the input holding
 * one reference. Whoever receives a request or content closes it.
 */
package dev.weft.http;
