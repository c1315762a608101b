package dev.weft.io.linux;

/**
 * Flags of {@code eventfd(2)}, mirroring {@code include/uapi/linux/eventfd.h} (they alias
 * {@code O_CLOEXEC}, {@code O_NONBLOCK}; identical on x86-64 and aarch64):
 * https://github.com/torvalds/linux/blob/master/include/uapi/linux/eventfd.h
 */
public final class EventFdFlags {
    public static final int EFD_SEMAPHORE = 1;
    /** {@code O_CLOEXEC}, octal 02000000. */
    public static final int EFD_CLOEXEC = 0x80000;
    /** {@code O_NONBLOCK}, octal 04000. */
    public static final int EFD_NONBLOCK = 0x800;

    /** An eventfd counter is read and written as one unsigned 64-bit value. */
    public static final int COUNTER_BYTES = 8;

    private EventFdFlags() {}
}
