package dev.weft.gateway.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The client side of {@link FanOutTest} in a JVM of its own (10,000 client sockets and
 * 10,000 server sockets would not fit one process's open-file limit here). Usage:
 * {@code <ws url> <token> <channel> <count>}. Prints {@code READY n} once all are subscribed,
 * then answers stdin: {@code COUNT} waits for one publication each and prints
 * {@code RECEIVED once=a more=b none=c}; {@code CLOSE} closes them all and prints
 * {@code CLOSED n}. A failure prints {@code FAILED reason} and exits 1.
 */
public final class FanOutClientsMain {
    private FanOutClientsMain() {}

    public static void main(String[] args) throws Exception {
        URI websocket = URI.create(args[0]);
        int count = Integer.parseInt(args[3]);
        try (CentrifugeClients clients = new CentrifugeClients();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            clients.connect(websocket, args[1], args[2], count, Duration.ofSeconds(90));
            System.out.println("READY " + clients.clients.size());
            for (String line; (line = in.readLine()) != null; ) {
                switch (line) {
                    case "COUNT" -> {
                        clients.awaitPublications(1, Duration.ofSeconds(30));
                        Thread.sleep(300); // time for a duplicate to show
                        int once = 0;
                        int more = 0;
                        int none = 0;
                        for (CentrifugeClients.Client c : clients.clients) {
                            List<Long> offsets = c.offsets();
                            if (offsets.equals(List.of(1L))) {
                                once++;
                            } else if (offsets.isEmpty()) {
                                none++;
                            } else {
                                more++;
                            }
                        }
                        System.out.println("RECEIVED once=" + once + " more=" + more + " none=" + none);
                    }
                    case "CLOSE" -> {
                        clients.closeAll(Duration.ofSeconds(60));
                        System.out.println("CLOSED " + clients.clients.size());
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command " + line);
                }
            }
        } catch (Exception | AssertionError e) {
            System.out.println("FAILED " + e);
            System.exit(1);
        }
    }
}
