package dev.weft.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.io.IoBackend;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real centrifuge JS client (npm {@code centrifuge} 5.x) over a real WebSocket to the
 * gateway: one client subscribes, another publishes, the first receives it. Finds the
 * package as {@code client.CentrifugeJsClientTest} does ({@code -Dweft.centrifugeJs}, else
 * {@code /tmp/weft-js/node_modules}, skipped when absent). The WebSocket is Node's own:
 * global from Node 22, behind {@code --experimental-websocket} on Node 20 and 21.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CentrifugeJsWebSocketTest {
    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void realClientReceivesAPublicationOverARealSocket() throws Exception {
        Path modules = modules();
        try (GatewayFixture gw = new GatewayFixture(IoBackend.IO_URING, leaks.newPool())) {
            List<String> command = new ArrayList<>(List.of("node"));
            if (nodeMajor() < 22) {
                command.add("--experimental-websocket");
            }
            command.addAll(List.of(script().toString(), modules.toString(), gw.websocket().toString(),
                    gw.token("sub"), gw.token("pub")));
            Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("websocket.js exit; output:%n%s", out).isZero();
            assertThat(out.lines().toList()).containsSubsequence(
                    "EVENT {\"name\":\"connected\",\"value\":{\"transport\":\"websocket\"}}",
                    "EVENT {\"name\":\"subscribed\",\"value\":{\"channel\":\"room\"}}",
                    "EVENT {\"name\":\"publication\",\"value\":{\"data\":{\"text\":\"over a real socket\"},\"user\":\"pub\"}}");
        }
    }

    private static Path modules() {
        String configured = System.getProperty("weft.centrifugeJs");
        Path modules = Path.of(configured != null ? configured : "/tmp/weft-js/node_modules");
        if (configured != null) {
            // ./weft test installed the client: its absence is a failure, not a reason to skip.
            assertThat(modules.resolve("centrifuge")).as("centrifuge npm package").isDirectory();
            assertThat(nodeMajor()).as("node on PATH").isPositive();
            return modules;
        }
        assumeTrue(Files.isDirectory(modules.resolve("centrifuge")), "centrifuge npm package not installed in " + modules);
        assumeTrue(nodeMajor() > 0, "node not installed");
        return modules;
    }

    /** Node's major version, or 0 without node. */
    private static int nodeMajor() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !v.startsWith("v")) {
                return 0;
            }
            return Integer.parseInt(v.substring(1, v.indexOf('.')));
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static Path script() throws URISyntaxException {
        return Path.of(CentrifugeJsWebSocketTest.class.getResource("/dev/weft/gateway/js/websocket.js").toURI());
    }
}
