package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.gateway.NodeModules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code js/driver.js} in a node process: the real centrifuge JS client (npm
 * {@code centrifuge} 5.x) over real WebSockets (npm {@code ws}) to a gateway. Commands go to
 * its stdin as JSON lines; its events (one JSON line each) are read into a queue that
 * {@link #await} searches in order. {@code getToken} requests are answered by the
 * {@code tokens} function given at start (an empty string makes the SDK see
 * {@code UnauthorizedError}; null leaves the request unanswered).
 *
 * <p>The npm packages: {@code -Dweft.centrifugeJs=<node_modules>} (as {@code ./weft test}
 * passes; missing packages then fail the test), else {@code /tmp/weft-js/node_modules}
 * (skipped when absent). {@code centrifuge} and {@code ws} must both be there.
 */
final class CentrifugeJsDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long AWAIT_MILLIS = 8_000;

    private final Process node;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    /** Every event read so far, for failure messages; guarded by itself. */
    private final List<String> transcript = new ArrayList<>();
    private final Function<JsonNode, String> tokens;

    /** {@code tokens} maps a getToken request ({@code c}, {@code ch} if for a subscription) to a token. */
    CentrifugeJsDriver(URI websocket, Function<JsonNode, String> tokens) throws IOException {
        this.tokens = tokens;
        Path modules = NodeModules.require("centrifuge", "ws");
        this.node = new ProcessBuilder("node", script().toString(), modules.toString(), websocket.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        this.stdin = node.getOutputStream();
        Thread reader = new Thread(this::readEvents, "centrifuge-js-events");
        reader.setDaemon(true);
        reader.start();
        await(e -> e.path("ev").asText().equals("ready"));
    }

    private void readEvents() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (transcript) {
                    transcript.add(line);
                }
                JsonNode event = JSON.readTree(line);
                if (event.path("ev").asText().equals("getToken")) {
                    String token = tokens.apply(event);
                    if (token == null) {
                        incoming.add(event); // left unanswered: the SDK keeps waiting
                        continue;
                    }
                    send(obj("token").put("req", event.get("req").intValue()).put("token", token));
                }
                incoming.add(event);
            }
        } catch (IOException | RuntimeException | AssertionError e) {
            synchronized (transcript) {
                transcript.add("(reading events failed: " + e + ")");
            }
        }
    }

    /** A command object with its {@code op} and pairs of further string fields. */
    static ObjectNode obj(String op, String... pairs) {
        ObjectNode o = JSON.createObjectNode().put("op", op);
        for (int i = 0; i < pairs.length; i += 2) {
            o.put(pairs[i], pairs[i + 1]);
        }
        return o;
    }

    void send(ObjectNode command) {
        try {
            synchronized (stdin) {
                stdin.write((command.toString() + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code op} with string fields, e.g. {@code run("connect", "c", "a")}. */
    void run(String op, String... pairs) {
        send(obj(op, pairs));
    }

    /** The next event (consuming those before it) that matches, within {@link #AWAIT_MILLIS}. */
    JsonNode await(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
        try {
            for (;;) {
                long left = deadline - System.nanoTime();
                JsonNode e = left > 0 ? incoming.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    return fail("no matching event within %d ms; events so far:%n%s", AWAIT_MILLIS, transcript());
                }
                if (match.test(e)) {
                    return e;
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** The next event named {@code ev} from client {@code c}. */
    JsonNode await(String c, String ev) {
        return await(e -> e.path("c").asText().equals(c) && e.path("ev").asText().equals(ev));
    }

    /** Events of client {@code c} named {@code ev} that arrive within {@code millis}, consumed. */
    List<JsonNode> collect(String c, String ev, long millis) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            JsonNode e = incoming.poll(left, TimeUnit.NANOSECONDS);
            if (e != null && e.path("c").asText().equals(c) && e.path("ev").asText().equals(ev)) {
                out.add(e);
            }
        }
        return out;
    }

    String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            run("exit");
            stdin.close();
        } catch (IOException | UncheckedIOException e) {
            // node already gone
        }
        if (!node.waitFor(3, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            node.waitFor(3, TimeUnit.SECONDS);
        }
        assertThat(transcript()).as("driver.js reported a failure of its own").doesNotContain("\"driver error\"");
    }

    private static Path script() {
        try {
            return Path.of(CentrifugeJsDriver.class.getResource("/dev/weft/gateway/js/driver.js").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
