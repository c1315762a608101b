package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian package {@code chromium}) showing one page, driven over
 * the Chrome DevTools protocol: {@link #evaluate} runs JavaScript in the page
 * ({@code Runtime.evaluate}) through the JDK's WebSocket client.
 *
 * <p>{@link #binary()} finds Chromium or skips the test; with {@code -Dweft.requireChromium=true}
 * (set by {@code ./weft test}, which installs it) its absence fails instead.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final WebSocket devtools;
    /** DevTools replies and events; written by the WebSocket's thread, read by the test. */
    private final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
    private final AtomicLong ids = new AtomicLong();

    /** The Chromium binary, or the test is skipped (failed when Chromium is required). */
    static Path binary() {
        Path found = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        if (Boolean.getBoolean("weft.requireChromium")) {
            assertThat(found).as("chromium (weft.requireChromium is set; one of %s)", CANDIDATES).isNotNull();
        }
        assumeTrue(found != null, "chromium not installed (apt-get install chromium); looked for " + CANDIDATES);
        return found;
    }

    HeadlessChromium(Path binary, URI page) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("weft-chromium-");
        // Root needs --no-sandbox; the rest keep it off the network and quiet.
        process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, page.toString())
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            int port = awaitDevToolsPort();
            devtools = http.newWebSocketBuilder().buildAsync(pageTarget(port), new Listener()).join();
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** Chromium writes its port to DevToolsActivePort in the profile once it listens. */
    private int awaitDevToolsPort() throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            assertThat(process.isAlive()).as("chromium exited early; log:%n%s", log()).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("chromium did not open its DevTools port within 30 s; log:\n" + log());
    }

    /** The WebSocket URL of the page's target ({@code /json/list}). */
    private URI pageTarget(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(r.body())) {
                if (target.path("type").asText().equals("page") && target.has("webSocketDebuggerUrl")) {
                    return URI.create(target.get("webSocketDebuggerUrl").asText());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no page target in " + r.body());
            }
            Thread.sleep(50);
        }
    }

    /** Evaluates {@code expression} in the page and returns its value as JSON (a string is a JSON text node). */
    JsonNode evaluate(String expression) throws IOException, InterruptedException {
        long id = ids.incrementAndGet();
        String command = JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate",
                "params", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true)));
        devtools.sendText(command, true).join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String message = incoming.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(message).as("DevTools reply to %s within 10 s", expression).isNotNull();
            JsonNode reply = JSON.readTree(message);
            if (reply.path("id").asLong() != id) {
                continue; // an event, or a reply to an earlier command that timed out
            }
            assertThat(reply.has("error")).as("DevTools error: %s", reply).isFalse();
            JsonNode result = reply.path("result");
            assertThat(result.has("exceptionDetails")).as("%s threw: %s", expression, result).isFalse();
            return result.path("result").path("value");
        }
    }

    /** Evaluates {@code expression} until its text satisfies {@code done}, failing after {@code seconds}. */
    String awaitText(String expression, Predicate<String> done, int seconds, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String text;
        while (!done.test(text = evaluate(expression).asText())) {
            assertThat(System.nanoTime() < deadline).as("%s within %d s; last %s: '%s'", what, seconds, expression, text)
                    .isTrue();
            Thread.sleep(50);
        }
        return text;
    }

    private String log() {
        try {
            return Files.readString(profile.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (devtools != null) {
            devtools.abort();
        }
        http.close();
        // Its renderer and helper processes first, then the browser; all started by this object.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }

    private final class Listener implements WebSocket.Listener {
        /** Fragments of the message being received; the WebSocket's thread only. */
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                incoming.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
