package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.NodeModules;
import dev.weft.gateway.hub.ClientSession;
import dev.weft.gateway.protocol.Disconnect;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real centrifuge JS client (npm {@code centrifuge} 5.x, which this project did not
 * write) against the gateway, with its WebSocket replaced by a pipe to this test:
 * connect, subscribe, publish, history, presence stats, an unknown RPC, a server
 * shutdown, publications while it is away and a reconnect that recovers them; and the
 * token callbacks: a fresh connection token after error 109, a subscription token for a
 * private channel.
 *
 * <p>Skipped unless node and the package are installed; to run it:
 * {@code mkdir -p /tmp/weft-js && cd /tmp/weft-js && npm install centrifuge@5}
 * (or point {@code -Dweft.centrifugeJs} at another {@code node_modules}).
 */
class CentrifugeJsClientTest {
    /** One pipe "socket": frames the gateway queues go to the script as IN lines. */
    private record PipeSession(int id, OutputStream toScript) implements ClientSession {
        @Override
        public boolean enqueue(byte[] message) {
            write("IN " + id + " " + Base64.getEncoder().encodeToString(message));
            return true;
        }

        @Override
        public void disconnect(Disconnect d) {
            write("SHUT " + id + " " + d.code() + " " + d.reason());
        }

        void write(String line) {
            try {
                toScript.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toScript.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void realClientSubscribesPublishesAndRecoversAfterAServerShutdown() throws Exception {
        Path modules = NodeModules.require("centrifuge");
        Gateway gw = new Gateway();
        List<String> events = run(gw, modules, "recovery.js", List.of(gw.token("42")), (event, clients, toScript) -> {
            if (event.contains("\"ready for reconnect\"")) {
                shutDownAndPublishWhileAway(gw, clients, toScript);
            }
        });
        assertThat(events).containsSubsequence(
                "{\"name\":\"connected\",\"value\":{\"client\":\"c1\",\"transport\":\"websocket\"}}",
                "{\"name\":\"subscribed\",\"value\":{\"recoverable\":true,\"positioned\":true,\"wasRecovering\":false,\"recovered\":false,\"offset\":0}}",
                "{\"name\":\"publication\",\"value\":{\"data\":{\"text\":\"first\"},\"offset\":1,\"user\":\"42\"}}",
                "{\"name\":\"history\",\"value\":{\"offsets\":[1],\"offset\":1}}",
                "{\"name\":\"presence stats\",\"value\":{\"numUsers\":1,\"numClients\":1}}",
                "{\"name\":\"rpc error\",\"value\":{\"code\":104,\"message\":\"method not found\"}}",
                "{\"name\":\"connected\",\"value\":{\"client\":\"c3\",\"transport\":\"websocket\"}}",
                // The client reports the position it resubscribed from, then replays what it missed.
                "{\"name\":\"subscribed\",\"value\":{\"recoverable\":true,\"positioned\":true,\"wasRecovering\":true,\"recovered\":true,\"offset\":1}}",
                "{\"name\":\"publication\",\"value\":{\"data\":{\"text\":\"missed 1\"},\"offset\":2,\"user\":\"7\"}}",
                "{\"name\":\"publication\",\"value\":{\"data\":{\"text\":\"missed 2\"},\"offset\":3,\"user\":\"7\"}}",
                "{\"name\":\"done\",\"value\":{\"publications\":3}}");
    }

    @Test
    void realClientFetchesAFreshTokenAfter109AndUsesASubscriptionToken() throws Exception {
        Path modules = NodeModules.require("centrifuge");
        Gateway gw = new Gateway();
        String expired = dev.weft.gateway.auth.TokenIssuer.hs256(Gateway.SECRET,
                java.time.InstantSource.fixed(gw.clock.instant().minusSeconds(120)))
                .connectionToken("42", java.time.Duration.ofSeconds(60), null, List.of());
        String subscription = gw.issuer.subscriptionToken("42", "$secret:plans", java.time.Duration.ofMinutes(1), null);
        List<String> events = run(gw, modules, "tokens.js", List.of(expired, gw.token("42"), subscription),
                (event, clients, toScript) -> { });
        assertThat(events).containsSubsequence(
                "{\"name\":\"getToken\",\"value\":null}",
                "{\"name\":\"connected\",\"value\":{\"client\":\"c1\"}}",
                "{\"name\":\"subscribed\",\"value\":{\"channel\":\"$secret:plans\"}}",
                "{\"name\":\"publish error\",\"value\":{\"code\":103,\"message\":\"permission denied\"}}");
        assertThat(events).as("the subscription token was asked for")
                .contains("{\"name\":\"sub getToken\",\"value\":{\"channel\":\"$secret:plans\"}}");
    }

    /** Called for each EVENT line while the script runs, on the thread that serves its sockets. */
    private interface EventHook {
        void onEvent(String event, Map<Integer, Client> clients, OutputStream toScript);
    }

    /** Runs a script against {@code gw}, serving its pipe sockets; returns its events once it exits 0. */
    private static List<String> run(Gateway gw, Path modules, String script, List<String> args, EventHook hook)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script(script).toString(), modules.toString()));
        command.addAll(args);
        Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<Integer, Client> clients = new HashMap<>();
        List<String> events = new ArrayList<>();
        OutputStream toScript = node.getOutputStream();
        try (BufferedReader fromScript = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = fromScript.readLine()) != null) {
                String[] parts = line.split(" ", 3);
                switch (parts[0]) {
                    case "OPEN" -> {
                        int id = Integer.parseInt(parts[1]);
                        clients.put(id, gw.openOn(new PipeSession(id, toScript)));
                    }
                    case "OUT" -> clients.get(Integer.parseInt(parts[1])).handleFrame(Base64.getDecoder().decode(parts[2]));
                    case "CLOSE" -> clients.get(Integer.parseInt(parts[1])).close();
                    case "EVENT" -> {
                        String event = line.substring("EVENT ".length());
                        events.add(event);
                        hook.onEvent(event, clients, toScript);
                    }
                    default -> throw new AssertionError("unexpected line from " + script + ": " + line);
                }
            }
        } finally {
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        assertThat(node.exitValue()).as("%s exit; events %s", script, events).isZero();
        return events;
    }

    /** Closes the first socket with 3001 shutdown and publishes twice before the client is back. */
    private static void shutDownAndPublishWhileAway(Gateway gw, Map<Integer, Client> clients, OutputStream toScript) {
        Client first = clients.get(1);
        first.close();
        new PipeSession(1, toScript).disconnect(dev.weft.gateway.protocol.DisconnectCode.SHUTDOWN.toDisconnect());
        Gateway.Conn publisher = gw.connected("7");
        publisher.frame("{\"subscribe\":{\"channel\":\"chat:room\"},\"id\":2}");
        publisher.frame("{\"publish\":{\"channel\":\"chat:room\",\"data\":{\"text\":\"missed 1\"}},\"id\":3}");
        publisher.frame("{\"publish\":{\"channel\":\"chat:room\",\"data\":{\"text\":\"missed 2\"}},\"id\":4}");
    }

    private static Path script(String name) throws URISyntaxException {
        return Path.of(CentrifugeJsClientTest.class.getResource("/dev/weft/gateway/js/" + name).toURI());
    }
}
