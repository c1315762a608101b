package dev.weft.io.linux;

/**
 * Constants of {@code mmap(2)}, mirroring {@code include/uapi/asm-generic/mman-common.h} and
 * {@code mman.h} (identical on x86-64 and aarch64):
 * https://github.com/torvalds/linux/blob/master/include/uapi/asm-generic/mman-common.h
 */
public final class Mman {
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;

    public static final int MAP_SHARED = 0x01;
    /** Pre-fault the pages: the rings are touched on every operation anyway. */
    public static final int MAP_POPULATE = 0x008000;

    private Mman() {}
}
