/**
 * Linux system calls through FFM ({@code java.lang.foreign}) and their numeric constants;
 * the only package in Weft that touches {@code Linker}.
 *
 * <p><b>Error model.</b> Every method of {@link dev.weft.io.linux.Syscalls} returns the
 * kernel's convention: a non-negative result, or {@code -errno} on failure (the same
 * convention as an io_uring CQE's {@code res}, so the driver has one way to read errors).
 * Nothing on these paths allocates or throws, so {@code EAGAIN} on a non-blocking read costs
 * a comparison. Where a failure is exceptional, {@link dev.weft.io.linux.LinuxException#check}
 * turns a negative result into a {@link dev.weft.io.linux.LinuxException} whose message names
 * the call and the errno, e.g. {@code "io_uring_setup: EPERM (Operation not permitted)"}.
 *
 * <p><b>No critical downcalls.</b> None of the handles use {@code Linker.Option.critical}:
 * {@code io_uring_enter}, {@code read} on an eventfd and later {@code epoll_wait} block, and a
 * blocked critical call stalls the GC for every thread.
 *
 * <p>{@link dev.weft.io.linux.Mapping} is the one place a raw address becomes a
 * {@code MemorySegment} (a restricted operation); other packages use segments but never
 * {@code Linker} or {@code reinterpret}.
 *
 * <p>Architectures: x86-64 and aarch64 ({@link dev.weft.io.linux.Arch}); anything else fails
 * with an {@link java.lang.UnsupportedOperationException} naming {@code os.arch}.
 */
package dev.weft.io.linux;
