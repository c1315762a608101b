package dev.weft.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.bench.loadgen.EchoLoadResult;
import dev.weft.bench.loadgen.LoadGenerator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the load generator in a JVM of its own, so its CPU time is neither the server's nor the
 * harness's, and reads back its {@code RESULT} line. Its stderr (progress) goes to a log file.
 */
final class GeneratorProcess {

    private GeneratorProcess() {}

    /**
     * Runs {@code loadgen echo <echoArgs>} with {@code jvmFlags} and this JVM's class path; fails
     * with the log's end if it exits without a result or outlives {@code timeoutSeconds}.
     */
    static EchoLoadResult run(List<String> jvmFlags, List<String> echoArgs, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("echo"));
        args.addAll(echoArgs);
        return new ObjectMapper().readValue(result(jvmFlags, args, log, timeoutSeconds), EchoLoadResult.class);
    }

    /**
     * Runs {@code loadgen <loadgenArgs>} (subcommand first) and returns the JSON of its
     * {@code RESULT} line; fails with the log's name if it exits without one, exits non-zero
     * and {@code requireSuccess}, or outlives {@code timeoutSeconds}.
     */
    static String result(List<String> jvmFlags, List<String> loadgenArgs, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        return result(jvmFlags, loadgenArgs, log, timeoutSeconds, true);
    }

    static String result(List<String> jvmFlags, List<String> loadgenArgs, Path log, long timeoutSeconds,
                         boolean requireSuccess) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName()));
        command.addAll(loadgenArgs);
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        String result = null;
        // Not bounded by the timeout: the generator's own phases end it, the waitFor below is the backstop.
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(LoadGenerator.RESULT_PREFIX)) {
                    result = line.substring(LoadGenerator.RESULT_PREFIX.length());
                }
            }
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("load generator did not exit within " + timeoutSeconds + " s; log " + log);
        }
        if ((requireSuccess && p.exitValue() != 0) || result == null) {
            throw new IOException("load generator exited with status " + p.exitValue()
                    + (result == null ? " and no result" : "") + "; log " + log);
        }
        return result;
    }
}
