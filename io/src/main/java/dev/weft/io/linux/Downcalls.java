package dev.weft.io.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The plumbing every libc downcall shares: symbol lookup, errno capture into a per-thread
 * scratch segment, the {@code -1}/errno to {@code -errno} mapping, and rethrowing.
 *
 * <p>errno is read through {@code Linker.Option.captureCallState("errno")} into a segment that
 * the calling thread writes (in the downcall) and reads (right after) within one method, so
 * concurrent callers never see each other's errno.
 */
final class Downcalls {

    static final Linker LINKER = Linker.nativeLinker();
    static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** Per-thread errno scratch: written by the downcall, read right after by the same thread. */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    private Downcalls() {}

    /** This thread's errno scratch segment, to pass as a capturing downcall's first argument. */
    static MemorySegment capture() {
        return CAPTURE.get();
    }

    /** A downcall handle to libc's {@code name}. */
    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** libc reports failure as -1 with errno set; map that to -errno. */
    static int result(int r, MemorySegment capture) {
        return r == -1 ? -errno(capture) : r;
    }

    static long result(long r, MemorySegment capture) {
        return r == -1 ? -errno(capture) : r;
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** Unwraps what {@code invokeExact} declares: runtime exceptions and errors pass as they are. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall failed", t);
    }
}
