package dev.weft.http;

import dev.weft.io.buffer.BufferPool;
import dev.weft.io.buffer.BufferPoolConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaks a buffer: pools made through {@link #newPool()} are checked with
 * {@code assertNoLeaks()} and closed after each test. (The same idea as io's test-scope LeakCheck.)
 */
final class LeakCheck implements AfterEachCallback {

    /** Test thread only. */
    private final List<BufferPool> pools = new ArrayList<>();

    BufferPool newPool() {
        BufferPool pool = new BufferPool(BufferPoolConfig.defaults().withLeakDetection(true));
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
