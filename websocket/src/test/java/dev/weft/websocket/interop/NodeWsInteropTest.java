package dev.weft.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.client.WebSocketClient;
import dev.weft.websocket.deflate.PerMessageDeflate;
import dev.weft.websocket.server.EchoFixture;
import dev.weft.websocket.server.EchoServerMainAccess;
import dev.weft.websocket.server.WebSocketServer;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The npm {@code ws} package (the most used Node.js WebSocket library) as client of the Weft
 * server and as server for the Weft client, permessage-deflate on. {@code ws} is installed by
 * the test into {@code target/npm-ws}; without node/npm, or without a reachable registry, the
 * tests are skipped with the reason.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NodeWsInteropTest {

    private static final Path DIR = Paths.get("target", "npm-ws").toAbsolutePath();
    private static final WebSocketOptions DEFLATE = WebSocketOptions.defaults().withDeflate(PerMessageDeflate.defaults());

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @BeforeAll
    static void installWs() throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are not on PATH: skipping the ws interop tests");
        Files.createDirectories(DIR);
        for (String script : new String[] {"ws-client.js", "ws-server.js"}) {
            try (InputStream in = NodeWsInteropTest.class.getResourceAsStream(script)) {
                Files.copy(in, DIR.resolve(script), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isDirectory(DIR.resolve("node_modules/ws"))) {
            return;
        }
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "ws@8")
                .directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        Assumptions.assumeTrue(done && p.exitValue() == 0,
                "npm could not install ws (registry unreachable?): skipping the ws interop tests\n" + out);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void wsClientTalksToWeftServer(IoBackend backend) throws Exception {
        var pool = leaks.newPool();
        try (EchoFixture f = new EchoFixture(backend, pool,
                WebSocketServer.builder(pool).options(DEFLATE).handler(EchoServerMainAccess.echo()).build())) {
            Process node = new ProcessBuilder("node", "ws-client.js", f.uri("/ws").toString())
                    .directory(DIR.toFile()).redirectErrorStream(true).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("ws client output:\n%s", out).isZero();
            assertThat(out).contains("OK");
        }
    }

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void weftClientTalksToWsServer(IoBackend backend) throws Exception {
        Process node = new ProcessBuilder("node", "ws-server.js").directory(DIR.toFile()).start();
        try (IoRuntime io = new IoRuntime(backend, leaks.newPool())) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String first = lines.readLine();
            assertThat(first).as("ws server start line").startsWith("PORT ");
            int port = Integer.parseInt(first.substring(5).trim());
            Recorder r = new Recorder();
            WebSocketSession s = io.run(WebSocketClient.connect("127.0.0.1", port, "/", io.pool, DEFLATE, r));
            assertThat(s.isCompressed()).as("permessage-deflate agreed with ws").isTrue();
            s.sendText("hello ws");
            assertThat(r.next()).isEqualTo("hello ws");
            byte[] bytes = new byte[100_000];
            new Random(3).nextBytes(bytes);
            s.sendBinary(bytes);
            assertThat((byte[]) r.next()).isEqualTo(bytes);
            String big = "abc".repeat(100_000);
            s.sendText(big);
            assertThat(r.next()).isEqualTo(big);
            s.ping(new byte[] {'x'});
            assertThat(r.next()).isEqualTo("pong:x");
            s.close(1000, "done");
            assertThat(r.closed.get(10, TimeUnit.SECONDS)).startsWith("1000");
        } finally {
            node.destroy();
            node.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
