package dev.weft.bench.proc;

/** Child-process mains that misbehave in the ways {@link ServerProcess} must survive. */
final class FakeServers {

    private FakeServers() {}

    /** Floods stderr (far past a pipe's 64 KiB), then listens and sleeps until stopped. */
    static final class Chatty {
        public static void main(String[] args) throws InterruptedException {
            String line = "x".repeat(99);
            for (int i = 0; i < 20_000; i++) {
                System.err.println(line);
            }
            System.out.println("LISTENING 1234 nio");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    /** Listens, then ignores SIGTERM: its shutdown hook never finishes. */
    static final class Stubborn {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.out.println("LISTENING 1234 nio");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    /** Never says it is listening. */
    static final class Silent {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}
