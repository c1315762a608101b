package dev.weft.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages the JavaScript interop tests run: under {@code -Dweft.centrifugeJs} (set by
 * {@code ./weft test}, which installs them) a missing package or a missing {@code node} fails the
 * test; without it, the test is skipped unless they are in {@code /tmp/weft-js/node_modules}.
 */
public final class NodeModules {

    private NodeModules() {
    }

    /** The {@code node_modules} folder holding {@code packages}, or a failure or skip as above. */
    public static Path require(String... packages) {
        String configured = System.getProperty("weft.centrifugeJs");
        Path modules = Path.of(configured != null ? configured : "/tmp/weft-js/node_modules");
        if (configured != null) {
            for (String p : packages) {
                assertThat(modules.resolve(p)).as("%s npm package", p).isDirectory();
            }
            assertThat(hasNode()).as("node on PATH").isTrue();
            return modules;
        }
        for (String p : packages) {
            assumeTrue(Files.isDirectory(modules.resolve(p)), p + " npm package not installed in " + modules);
        }
        assumeTrue(hasNode(), "node not installed");
        return modules;
    }

    private static boolean hasNode() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
