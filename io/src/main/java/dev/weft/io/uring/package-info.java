/**
 * io_uring through FFM: ring setup with flag fallback ({@link dev.weft.io.uring.IoUring}),
 * the submission and completion queues on the mapped rings, the byte layouts of
 * {@code io_uring_params}, SQE and CQE ({@link dev.weft.io.uring.IoUringParams},
 * {@link dev.weft.io.uring.Sqe}, {@link dev.weft.io.uring.Cqe}), the ABI numbers
 * ({@link dev.weft.io.uring.IoUringConstants}) and the availability probe that
 * {@code --io=auto} logs ({@link dev.weft.io.uring.IoUringProbe}).
 *
 * <p><b>Ring protocol</b> (kernel's io_uring.c header comment; liburing's barrier.h). Every
 * shared ring word is read and written through {@code ValueLayout.JAVA_INT.varHandle()}:
 * <ol>
 *   <li>Submit: fill SQE slots with plain stores, then store-release the SQ tail
 *       ({@code SubmissionQueue.flush}); the kernel load-acquires it.</li>
 *   <li>The kernel consumes SQEs inside {@code io_uring_enter} and store-releases the SQ
 *       head; without SQPOLL that happens during our own syscall, so we read the head
 *       plainly.</li>
 *   <li>The kernel writes CQEs and store-releases the CQ tail; we load-acquire it
 *       ({@code CompletionQueue.laTail}) before reading the CQEs with plain loads.</li>
 *   <li>We store-release the CQ head after reading the CQEs
 *       ({@code CompletionQueue.soHead}), so the kernel never overwrites a slot we are
 *       still reading.</li>
 * </ol>
 * Correct because each of our release stores pairs with a kernel acquire (or control
 * dependency) and vice versa, and each ring word has exactly one writer.
 *
 * <p>All classes here are owned by one thread per ring; nothing is thread-safe.
 */
package dev.weft.io.uring;
