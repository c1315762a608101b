package dev.weft.bench.harness;

import dev.weft.bench.loadgen.LoadGenerator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * G load generator processes run side by side, each in a JVM of its own
 * ({@code LoadGenerator <subcommand> ...}). Per process, one thread copies stderr to its log and
 * hands each progress line to {@link LiveProgress}; another reads stdout for the
 * {@code HOLDING <open>} line (idle scenario) and the {@code RESULT <json>} line. Stdin stays
 * open until {@link #release()}: the idle generator holds its connections until then.
 */
final class GeneratorGroup implements AutoCloseable {

    private static final String HOLDING_PREFIX = "HOLDING ";

    private final List<Process> processes;
    private final List<CompletableFuture<Integer>> holding;
    private final List<CompletableFuture<String>> results;
    private final List<Path> logs;

    private GeneratorGroup(List<Process> processes, List<CompletableFuture<Integer>> holding,
                           List<CompletableFuture<String>> results, List<Path> logs) {
        this.processes = processes;
        this.holding = holding;
        this.results = results;
        this.logs = logs;
    }

    /** Starts one generator per element of {@code argsPerGenerator} (subcommand first). */
    static GeneratorGroup start(List<String> jvmFlags, List<List<String>> argsPerGenerator, Path logDir, String tag,
                                LiveProgress progress) throws IOException {
        List<Process> processes = new ArrayList<>();
        List<CompletableFuture<Integer>> holding = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            for (int i = 0; i < argsPerGenerator.size(); i++) {
                List<String> command = new ArrayList<>(List.of(java));
                command.addAll(jvmFlags);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName()));
                command.addAll(argsPerGenerator.get(i));
                Path log = logDir.resolve(tag + "-generator" + i + ".log");
                Files.writeString(log, String.join(" ", command) + System.lineSeparator());
                Process p = new ProcessBuilder(command).start();
                CompletableFuture<Integer> held = new CompletableFuture<>();
                CompletableFuture<String> result = new CompletableFuture<>();
                int index = i;
                Thread.ofPlatform().daemon().name("loadgen-err-" + i)
                        .start(() -> copyStderr(p.getErrorStream(), log, line -> progress.update(index, line)));
                Thread.ofPlatform().daemon().name("loadgen-out-" + i)
                        .start(() -> readStdout(p.getInputStream(), held, result));
                processes.add(p);
                holding.add(held);
                results.add(result);
                logs.add(log);
            }
        } catch (IOException | RuntimeException e) {
            processes.forEach(Process::destroyForcibly);
            throw e;
        }
        return new GeneratorGroup(processes, holding, results, logs);
    }

    /** Waits until every generator printed {@code HOLDING}; returns the connections they hold in total. */
    int awaitHolding(long timeoutSeconds) throws IOException, InterruptedException {
        int open = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < holding.size(); i++) {
            open += await(holding.get(i), deadline, i, "HOLDING");
        }
        return open;
    }

    /** Closes every generator's stdin: an idle generator lets its connections go and reports. */
    void release() {
        for (Process p : processes) {
            try (OutputStream in = p.getOutputStream()) {
                in.flush();
            } catch (IOException e) {
                // Already gone: its result (or its absence) tells the rest.
            }
        }
    }

    /** Each generator's {@code RESULT} JSON, in order; fails naming the log of one that ended without it. */
    List<String> results(long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            out.add(await(results.get(i), deadline, i, "RESULT"));
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IOException("load generator " + i + " did not exit; log " + logs.get(i));
            }
        }
        return out;
    }

    private <T> T await(CompletableFuture<T> f, long deadline, int i, String what)
            throws IOException, InterruptedException {
        try {
            return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("load generator " + i + " printed no " + what + " in time; log " + logs.get(i));
        } catch (ExecutionException e) {
            throw new IOException("load generator " + i + " ended without " + what + " (status "
                    + exitStatus(processes.get(i)) + "); log " + logs.get(i) + ": " + lastLine(logs.get(i)));
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void copyStderr(InputStream err, Path log, java.util.function.Consumer<String> onLine) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(Files.newOutputStream(log, java.nio.file.StandardOpenOption.APPEND),
                     true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                out.println(line);
                onLine.accept(line);
            }
        } catch (IOException e) {
            // The pipe closes when the process ends.
        }
    }

    private static void readStdout(InputStream in, CompletableFuture<Integer> holding, CompletableFuture<String> result) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(HOLDING_PREFIX)) {
                    holding.complete(Integer.parseInt(line.substring(HOLDING_PREFIX.length()).trim()));
                } else if (line.startsWith(LoadGenerator.RESULT_PREFIX)) {
                    result.complete(line.substring(LoadGenerator.RESULT_PREFIX.length()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Reported below as a missing line.
        }
        IOException missing = new IOException("stdout ended");
        holding.completeExceptionally(missing);
        result.completeExceptionally(missing);
    }

    private static String exitStatus(Process p) {
        try {
            return p.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank() && !lines.get(i).startsWith("\tat ")) {
                    return lines.get(i);
                }
            }
            return "(empty)";
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
