package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GatewayMain} in its own JVM, as {@code ./weft gateway} runs it: with no configuration
 * it prints where it listens and a token a client can connect with at once; SIGTERM closes
 * that client with 3001 and the process exits 0.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GatewayMainTest {

    @Test
    void printedTokenConnectsAndSigtermClosesWith3001AndExitsZero() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), GatewayMain.class.getName(), "--port", "0", "--io=auto")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("WEFT_"));
        Process gateway = pb.start();
        List<String> printed = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String token = null;
            while (token == null && (line = out.readLine()) != null) {
                printed.add(line);
                if (line.startsWith("example connection token")) {
                    token = line.substring(line.lastIndexOf(' ') + 1);
                }
            }
            assertThat(printed).as("printed at start").hasSizeGreaterThanOrEqualTo(6);
            assertThat(printed.get(0)).matches("LISTENING \\d+ (io_uring|epoll|nio)");
            assertThat(printed.get(1)).startsWith("I/O backend ");
            assertThat(printed).anyMatch(l -> l.startsWith("token_hmac_secret_key (generated"))
                    .anyMatch(l -> l.startsWith("api_key (generated"));
            int port = Integer.parseInt(printed.get(0).split(" ")[1]);
            // The demo is on by default and the runtime's series are registered.
            assertThat(printed).anyMatch(l -> l.startsWith("demo: http://localhost:" + port + "/demo "));
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/demo"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).contains("\nweft_runtime_polls_total ");

            try (JdkClient c = new JdkClient(http, URI.create("ws://127.0.0.1:" + port + GatewayServer.WEBSOCKET_PATH))) {
                c.send("{\"id\":1,\"connect\":{\"token\":\"" + token + "\"}}");
                assertThat(c.next()).startsWith("{\"id\":1,\"connect\":{\"client\":\"").contains("\"expires\":true");
                // Not Process.destroy(): it also closes our end of the process's output.
                assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(gateway.pid())).start().waitFor()).isZero();
                assertThat(c.awaitClose()).isEqualTo(new JdkClient.Closed(3001, "shutdown"));
            }
            assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(gateway.exitValue()).isZero();
            List<String> rest = out.lines().toList();
            assertThat(rest).containsSubsequence("shutting down: closing 1 connection(s) with 3001", "stopped");
        } finally {
            gateway.destroyForcibly();
        }
    }

    @Test
    void badConfigFileExitsTwoWithOneLineNamingFileAndKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("weft.yaml");
        java.nio.file.Files.writeString(bad, "port: 8000\nhistroy_size: 10\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                GatewayMain.class.getName(), "--config", bad.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("WEFT_"));
        Process gateway = pb.start();
        try {
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String err = new String(gateway.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(gateway.exitValue()).as("exit status; stderr: %s", err).isEqualTo(2);
            assertThat(err.lines().filter(l -> !l.startsWith("WARNING")).toList()).containsExactly(
                    "weft gateway: bad configuration: " + bad + ": histroy_size: unknown key (did you mean \"history_size\"?)");
            assertThat(new String(gateway.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        } finally {
            gateway.destroyForcibly();
        }
    }
}
