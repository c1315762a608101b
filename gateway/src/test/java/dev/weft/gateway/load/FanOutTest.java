package dev.weft.gateway.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.gateway.server.LeakCheck;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fan-out at scale over real loopback WebSockets: 10,000 subscribers (Weft's WebSocket
 * client, in a child JVM: the open-file limit here is 20,000 per process) to one channel;
 * one publication through the HTTP server API reaches every one exactly once. When they
 * have gone, the gateway holds no socket, buffer, channel or heap it did not hold before.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FanOutTest {
    static final int SUBSCRIBERS = 10_000;
    /** Heap the gateway may keep after they have gone (interned strings, grown tables). */
    static final long RETAINED_HEAP_SLACK_BYTES = 24L << 20;

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    @Test
    void onePublicationReachesTenThousandSubscribersExactlyOnceAndTheyLeaveNothingBehind() throws Exception {
        try (LoadGateway gw = new LoadGateway(leaks.newPool())) {
            long socketsBefore = OpenSockets.count();
            long heapBefore = heapAfterGc();
            long started = System.nanoTime();
            Process clients = startClients(gw);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(),
                    StandardCharsets.US_ASCII)); OutputStream in = clients.getOutputStream()) {
                assertThat(out.readLine()).isEqualTo("READY " + SUBSCRIBERS);
                assertThat(gw.server.connectionCount()).isEqualTo(SUBSCRIBERS);
                assertThat(OpenSockets.count()).isGreaterThanOrEqualTo(socketsBefore + SUBSCRIBERS);
                JsonNode channels = gw.api("channels", "{}").get("channels");
                assertThat(channels.get("fan").get("num_clients").intValue()).isEqualTo(SUBSCRIBERS);
                long heapLoaded = heapAfterGc();
                long connectedMillis = (System.nanoTime() - started) / 1_000_000;

                long publishedAt = System.nanoTime();
                JsonNode published = gw.api("publish", "{\"channel\":\"fan\",\"data\":{\"text\":\"to all\"}}");
                assertThat(published.get("offset").longValue()).isEqualTo(1);
                command(in, "COUNT");
                assertThat(out.readLine()).isEqualTo("RECEIVED once=" + SUBSCRIBERS + " more=0 none=0");
                // Includes the clients' 300 ms wait for duplicates.
                long deliveredMillis = (System.nanoTime() - publishedAt) / 1_000_000;

                command(in, "CLOSE");
                assertThat(out.readLine()).isEqualTo("CLOSED " + SUBSCRIBERS);
                assertThat(clients.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(clients.exitValue()).isZero();

                assertThat(OpenSockets.awaitAtMost(socketsBefore, 20_000)).as("open sockets").isEqualTo(socketsBefore);
                assertThat(gw.server.connectionCount()).isZero();
                assertThat(gw.api("channels", "{}").get("channels").size()).as("channels left").isZero();
                long heapAfter = heapAfterGc();
                System.out.printf("fan-out: %d subscribers connected in %d ms, delivered and counted in %d ms;"
                        + " heap before %d MiB, with them %d MiB, after %d MiB%n", SUBSCRIBERS, connectedMillis,
                        deliveredMillis, heapBefore >> 20, heapLoaded >> 20, heapAfter >> 20);
                assertThat(heapAfter).as("heap after the subscribers left; before %d, loaded %d", heapBefore, heapLoaded)
                        .isLessThan(heapBefore + RETAINED_HEAP_SLACK_BYTES);
            } finally {
                clients.destroyForcibly();
                clients.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void command(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static Process startClients(LoadGateway gw) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-ea", "-Xshare:off", "-Xmx512m", "--enable-native-access=ALL-UNNAMED",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                FanOutClientsMain.class.getName(), gw.websocket().toString(), gw.token("fan"), "fan",
                Integer.toString(SUBSCRIBERS));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
