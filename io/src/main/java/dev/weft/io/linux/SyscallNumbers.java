package dev.weft.io.linux;

/**
 * Syscall numbers for the calls Weft makes through libc's {@code syscall()} (those without a
 * libc wrapper). Mirrors {@code arch/x86/entry/syscalls/syscall_64.tbl} and the generic table
 * {@code include/uapi/asm-generic/unistd.h} used by aarch64:
 * https://github.com/torvalds/linux/blob/master/arch/x86/entry/syscalls/syscall_64.tbl
 * https://github.com/torvalds/linux/blob/master/include/uapi/asm-generic/unistd.h
 *
 * <pre>
 *   call               x86-64  aarch64
 *   io_uring_setup       425     425
 *   io_uring_enter       426     426
 *   io_uring_register    427     427
 * </pre>
 * (io_uring arrived after the tables were unified, so the numbers agree; kept per
 * architecture so a future call that differs has its place.)
 */
record SyscallNumbers(long ioUringSetup, long ioUringEnter, long ioUringRegister) {

    static final SyscallNumbers X86_64 = new SyscallNumbers(425, 426, 427);
    static final SyscallNumbers AARCH64 = new SyscallNumbers(425, 426, 427);

    static SyscallNumbers of(Arch arch) {
        return switch (arch) {
            case X86_64 -> X86_64;
            case AARCH64 -> AARCH64;
        };
    }
}
