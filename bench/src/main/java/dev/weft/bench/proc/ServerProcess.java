package dev.weft.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A comparison server running in its own JVM, so its CPU time and memory can be read from
 * {@code /proc} apart from the load generator's.
 *
 * <p>The child runs with this JVM's {@code java} binary and class path, the given JVM
 * flags, the main class and its arguments. Its stderr goes straight to a log file (the
 * kernel writes it, so a chatty child never blocks on a full pipe); a daemon thread reads
 * its stdout, waits for the {@code LISTENING <port> <transport>} line, then copies the rest
 * to the same log.
 *
 * <p>Stop: 1. SIGTERM ({@link Process#destroy()} on Linux), so the server's shutdown hooks
 * close it gracefully. 2. If it has not exited by the deadline, SIGKILL. 3. Wait for the
 * exit, so no process is left behind.
 */
public final class ServerProcess implements AutoCloseable {

    private static final String READY_PREFIX = "LISTENING ";
    /** How much of the log a failed start quotes. */
    private static final int LOG_TAIL_CHARS = 4_000;

    private final Process process;
    private final Path log;
    private final int port;
    private final String transport;
    /** How long {@link #close()} gives SIGTERM before SIGKILL. */
    private final Duration stopTimeout;
    /** The exit seen by the first {@link #stop}; written and read under {@code this}. */
    private Stopped stopped;

    private ServerProcess(Process process, Path log, int port, String transport, Duration stopTimeout) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.transport = transport;
        this.stopTimeout = stopTimeout;
    }

    /** How a stop ended. {@code killed}: SIGTERM was not enough and SIGKILL was sent. */
    public record Stopped(int exitCode, boolean killed) {}

    /**
     * What to start.
     *
     * @param mainClass the server's main class, on this JVM's class path
     * @param jvmFlags flags before the main class, e.g. {@code -Xmx256m}
     * @param args the server's own arguments
     * @param startTimeout how long to wait for the {@code LISTENING} line
     * @param stopTimeout how long SIGTERM may take before SIGKILL
     * @param log file that receives the child's stderr and stdout; created if absent
     * @param env variables added to this process's environment for the child
     */
    public record Spec(String mainClass, List<String> jvmFlags, List<String> args,
                       Duration startTimeout, Duration stopTimeout, Path log, Map<String, String> env) {

        public Spec {
            jvmFlags = List.copyOf(jvmFlags);
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }

        /**
         * {@code mainClass} with no flags or arguments, 30 s to start, 5 s to stop, and a log
         * named after the class in the temp directory.
         */
        public static Spec of(String mainClass) {
            String name = "weft-peer-" + mainClass.substring(mainClass.lastIndexOf('.') + 1)
                    + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log";
            Path log = Path.of(System.getProperty("java.io.tmpdir"), name);
            return new Spec(mainClass, List.of(), List.of(), Duration.ofSeconds(30), Duration.ofSeconds(5), log, Map.of());
        }

        public Spec withJvmFlags(String... flags) {
            return new Spec(mainClass, List.of(flags), args, startTimeout, stopTimeout, log, env);
        }

        public Spec withArgs(String... serverArgs) {
            return new Spec(mainClass, jvmFlags, List.of(serverArgs), startTimeout, stopTimeout, log, env);
        }

        public Spec withStartTimeout(Duration timeout) {
            return new Spec(mainClass, jvmFlags, args, timeout, stopTimeout, log, env);
        }

        public Spec withStopTimeout(Duration timeout) {
            return new Spec(mainClass, jvmFlags, args, startTimeout, timeout, log, env);
        }

        public Spec withEnv(Map<String, String> variables) {
            return new Spec(mainClass, jvmFlags, args, startTimeout, stopTimeout, log, variables);
        }

        public Spec withLog(Path file) {
            return new Spec(mainClass, jvmFlags, args, startTimeout, stopTimeout, file, env);
        }
    }

    /**
     * Starts the server and returns once it printed {@code LISTENING}. Fails, quoting the end of
     * the log, if it exits first or stays silent past the start timeout (then it is killed).
     */
    public static ServerProcess start(Spec spec) throws IOException, InterruptedException {
        Files.createDirectories(spec.log().toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(spec.jvmFlags());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(spec.mainClass());
        command.addAll(spec.args());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(spec.env());
        Process process = builder
                .redirectError(ProcessBuilder.Redirect.appendTo(spec.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("peer-stdout-" + process.pid())
                .start(() -> readStdout(process, spec.log(), ready));
        String line;
        try {
            line = ready.get(spec.startTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly().waitFor();
            throw new IOException(spec.mainClass() + " printed no LISTENING line within "
                    + spec.startTimeout() + "; log " + spec.log() + ":\n" + logTail(spec.log()));
        } catch (ExecutionException e) {
            process.waitFor(spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
            process.destroyForcibly().waitFor();
            throw new IOException(spec.mainClass() + " exited before listening (status "
                    + process.exitValue() + "); log " + spec.log() + ":\n" + logTail(spec.log()));
        }
        String[] parts = line.split(" ");
        if (parts.length != 3) {
            process.destroyForcibly().waitFor();
            throw new IOException("malformed ready line '" + line + "' from " + spec.mainClass());
        }
        return new ServerProcess(process, spec.log(), Integer.parseInt(parts[1]), parts[2], spec.stopTimeout());
    }

    public long pid() {
        return process.pid();
    }

    /** The port the server listens on, as it reported it. */
    public int port() {
        return port;
    }

    /** The transport the server reported, e.g. {@code io_uring}. */
    public String transport() {
        return transport;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** User plus kernel CPU time of the whole server JVM so far, at clock-tick resolution. */
    public long cpuNanos() {
        return ProcStat.read(pid()).cpuNanos();
    }

    /** Resident memory of the server JVM now. */
    public long rssBytes() {
        return ProcStatus.read(pid()).vmRssBytes();
    }

    /** The full {@code stat} reading (CPU split, thread count). */
    public ProcStat stat() {
        return ProcStat.read(pid());
    }

    /** SIGTERM, SIGKILL after {@code timeout}, then waits for the exit; later calls return the first result. */
    public synchronized Stopped stop(Duration timeout) throws InterruptedException {
        if (stopped != null) {
            return stopped;
        }
        boolean killed = false;
        process.destroy();
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            process.destroyForcibly();
            killed = true;
        }
        stopped = new Stopped(process.waitFor(), killed);
        return stopped;
    }

    /** {@link #stop} with the spec's timeout; if interrupted, SIGKILL at once and keep the interrupt. */
    @Override
    public void close() {
        try {
            stop(stopTimeout);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last few thousand characters of the log, for error messages. */
    public String logTail() {
        return logTail(log);
    }

    private static void readStdout(Process process, Path log, CompletableFuture<String> ready) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(READY_PREFIX)) {
                    ready.complete(line);
                }
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // The pipe closes when the process dies; the exit is reported below.
        }
        ready.completeExceptionally(new IOException("stdout closed before LISTENING"));
    }

    private static String logTail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() <= LOG_TAIL_CHARS ? text : text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
