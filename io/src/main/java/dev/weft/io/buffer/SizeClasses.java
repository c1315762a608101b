package dev.weft.io.buffer;

/**
 * The pool's power-of-two size classes: class {@code i} holds chunks of {@code 64 << i} bytes,
 * from 64 B (class 0) to 64 KiB (class 10). A request is rounded up to the smallest class that
 * holds it; a request above {@link #MAX_CLASS_BYTES} is not pooled.
 *
 * <p>Pure functions of constants; no state.
 */
final class SizeClasses {

    /** log2 of the smallest class, 64 B: one cache line, the smallest useful frame header. */
    static final int MIN_SHIFT = 6;
    /** log2 of the largest class, 64 KiB: the largest TCP receive a provided-buffer ring hands out. */
    static final int MAX_SHIFT = 16;
    /** Number of classes. */
    static final int COUNT = MAX_SHIFT - MIN_SHIFT + 1;
    static final int MIN_CLASS_BYTES = 1 << MIN_SHIFT;
    static final int MAX_CLASS_BYTES = 1 << MAX_SHIFT;
    /** Returned by {@link #indexFor} for a request larger than the largest class. */
    static final int UNPOOLED = -1;

    private SizeClasses() {}

    /** The class index for a request of {@code bytes} (0 allowed), or {@link #UNPOOLED}. */
    static int indexFor(long bytes) {
        if (bytes <= MIN_CLASS_BYTES) {
            return 0;
        }
        if (bytes > MAX_CLASS_BYTES) {
            return UNPOOLED;
        }
        // ceil(log2(bytes)) for bytes > 1; bytes fits in an int here.
        int ceilLog2 = Integer.SIZE - Integer.numberOfLeadingZeros((int) bytes - 1);
        return ceilLog2 - MIN_SHIFT;
    }

    /** The chunk size of class {@code index}. */
    static int bytesOf(int index) {
        return 1 << (index + MIN_SHIFT);
    }
}
