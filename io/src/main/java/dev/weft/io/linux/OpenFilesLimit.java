package dev.weft.io.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The process's open-file limit, {@code RLIMIT_NOFILE} (getrlimit(2)): every socket is a file
 * descriptor, so it caps the connections one process can hold. {@code struct rlimit} is two
 * {@code rlim_t} (unsigned long on LP64): the soft limit at offset 0, the hard limit at 8.
 *
 * @param soft the limit enforced now; a process may raise it up to {@code hard}
 * @param hard the ceiling only a privileged process (or the administrator's configuration) raises
 */
public record OpenFilesLimit(long soft, long hard) {

    /** {@code RLIMIT_NOFILE} in include/uapi/asm-generic/resource.h (x86-64 and aarch64). */
    private static final int RLIMIT_NOFILE = 7;
    private static final long SOFT_OFFSET = 0;
    private static final long HARD_OFFSET = 8;
    private static final long RLIMIT_BYTES = 16;

    private static final MethodHandle GETRLIMIT = Downcalls.downcall("getrlimit",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Downcalls.CAPTURE_ERRNO);
    private static final MethodHandle SETRLIMIT = Downcalls.downcall("setrlimit",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), Downcalls.CAPTURE_ERRNO);

    /** The limits now. */
    public static OpenFilesLimit read() throws LinuxException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rlimit = arena.allocate(RLIMIT_BYTES, 8);
            LinuxException.check("getrlimit(RLIMIT_NOFILE)", call(GETRLIMIT, rlimit));
            return new OpenFilesLimit(rlimit.get(JAVA_LONG, SOFT_OFFSET), rlimit.get(JAVA_LONG, HARD_OFFSET));
        }
    }

    /**
     * Raises the soft limit to the hard one (no privilege needed) and returns the limits after.
     * The JVM usually does this at start already ({@code -XX:+MaxFDLimit}); doing it here makes
     * it true whatever the JVM's flags.
     */
    public static OpenFilesLimit raiseSoftToHard() throws LinuxException {
        OpenFilesLimit now = read();
        if (now.soft == now.hard) {
            return now;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rlimit = arena.allocate(RLIMIT_BYTES, 8);
            rlimit.set(JAVA_LONG, SOFT_OFFSET, now.hard);
            rlimit.set(JAVA_LONG, HARD_OFFSET, now.hard);
            LinuxException.check("setrlimit(RLIMIT_NOFILE, " + now.hard + ")", call(SETRLIMIT, rlimit));
        }
        return read();
    }

    private static int call(MethodHandle h, MemorySegment rlimit) {
        MemorySegment c = Downcalls.capture();
        try {
            return Downcalls.result((int) h.invokeExact(c, RLIMIT_NOFILE, rlimit), c);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }
}
