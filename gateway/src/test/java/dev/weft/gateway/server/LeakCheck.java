package dev.weft.gateway.server;

import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.BufferPoolConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that fails a test which leaks a buffer. Register it as a field and create
 * pools through it; after each test it asserts every registered pool has no leak, then closes
 * the pools (so each test starts with fresh ones):
 *
 * <pre>{@code
 * @RegisterExtension final LeakCheck leaks = new LeakCheck();
 * BufferPool pool = leaks.newPool();   // leak detection on
 * }</pre>
 *
 * <p>Thread roles: pools are registered by the test thread (or threads it starts); the
 * after-each callback runs on the test thread once the test method has returned.
 */
public final class LeakCheck implements AfterEachCallback {

    /** Registered by the test; drained by afterEach. */
    private final List<BufferPool> pools = new CopyOnWriteArrayList<>();

    /** A pool with default settings and leak detection on, checked after the test. */
    public BufferPool newPool() {
        return register(new BufferPool(BufferPoolConfig.defaults().withLeakDetection(true)));
    }

    /** Checks {@code pool} after the test and closes it. */
    public BufferPool register(BufferPool pool) {
        pools.add(pool);
        return pool;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> failures = new ArrayList<>();
        for (BufferPool pool : pools) {
            try {
                pool.assertNoLeaks();
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            } finally {
                pool.close();
            }
        }
        pools.clear();
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }
}
