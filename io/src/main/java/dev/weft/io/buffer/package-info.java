/**
 * Off-heap buffers for the I/O driver: a pool of power-of-two chunks carved from slabs, a
 * reference-counted {@link dev.weft.io.buffer.Buffer} view over each, and a
 * {@link dev.weft.io.buffer.LeakDetector} that is on in tests.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>Size classes</b> ({@code SizeClasses}): 11 classes, 64 B, 128 B, ... 64 KiB. A request
 *       is rounded up to the next class; above 64 KiB it gets its own shared {@code Arena}
 *       (allocated and closed per buffer: correct, but slow, so keep large payloads rare).
 *   <li><b>Slabs</b> ({@code Slab}): 256 KiB by default, each with its own shared {@code Arena},
 *       carved into chunks of one class for life (256 KiB = 4096 x 64 B = 4 x 64 KiB). A slab is
 *       zero-filled and so committed on creation, and freed only by {@code BufferPool.close()}.
 *   <li><b>Caches</b> ({@code ThreadCache}): per thread, per class, a stack of at most 16 free
 *       chunks, touched only by its owner with no atomics. A miss takes 8 from the shared list in
 *       one lock; an overflow gives the older 8 back in one lock.
 *   <li><b>Shared lists</b> ({@code SharedFreeList}): per class, a stack behind a lock; it
 *       carves a new slab when empty. A buffer released on a thread other than its allocating
 *       thread goes here, never into a cache its thread does not own.
 *   <li><b>Ownership</b> ({@code Allocation}): one count per allocation, shared by every view.
 *       {@code allocate} gives count 1 to one owner; a fan-out gives each extra holder
 *       {@code retainedDuplicate()}; the release that reaches zero returns the chunk, exactly once.
 *       Releasing twice or using after release throws {@code IllegalStateException}.
 *   <li><b>Leak detection</b>: allocation site and size per outstanding buffer, a Cleaner for
 *       buffers dropped unreleased, {@code assertNoLeaks()}; off by default in production
 *       ({@code -Dweft.buffer.leakDetection=true} turns it on), on in every test through the
 *       test-scope {@code LeakCheck} extension. Off, it costs a null check per allocate/release.
 * </ul>
 *
 * <h2>Memory per connection</h2>
 * The io_uring receive path is a provided-buffer ring ({@code uring/BufferRing}: multishot
 * IORING_OP_RECV with IOSQE_BUFFER_SELECT): each worker registers a ring of pool buffers, the
 * kernel picks one only when data arrives for some connection, and the completion hands that
 * buffer to the connection. epoll and NIO take a buffer from the pool only once a socket is
 * readable and give it back at once if the read finds nothing. Numbers below are for the default classes; object sizes assume compressed oops and
 * are approximate (Buffer view ~40 B, Allocation ~40 B, MemorySegment slice ~40 B).
 * <ol>
 *   <li><b>Idle connection: 0 bytes of buffer memory</b> on every backend. It has a receive
 *       posted (io_uring) or a readiness registration (epoll, NIO) but holds no buffer;
 *       nothing is queued to send.
 *   <li><b>Busy connection, receive side: at most one in-flight receive buffer</b>, the ring's
 *       class ({@code IoConfig.readBufferSize}, 4 KiB by default), held from completion until the
 *       decoder has consumed it (io_uring queues up to 256 KiB per connection before it pauses
 *       the receive), plus a partial-frame accumulator of the frame's class when a frame spans
 *       receives (up to 64 KiB pooled, unpooled above, bounded by the max-frame-size setting).
 *   <li><b>Busy connection, send side: the queued sends.</b> A fan-out payload is one allocation
 *       counted once across all N receivers; each connection's queue entry costs a 64 B header
 *       chunk (a WebSocket header is at most 14 B) plus about 160 B of objects (header Buffer,
 *       Allocation and segment, and the payload's retained view), about 224 B per queued
 *       message. With a send queue bounded at 64 messages that is about 14 KiB besides payloads.
 *   <li>So a busy WebSocket connection holds about 16 KiB + 224 B per queued message + its share
 *       of shared payloads; an idle one holds none.
 * </ol>
 * Costs that do not scale with connections: per pool, one committed 256 KiB slab per class in
 * use (at most 2.75 MiB with all 11 classes); per thread, up to 16 cached chunks per class
 * (worst case 16 x 131,008 B, about 2 MiB; in practice only the classes the thread uses); per
 * worker, the provided-buffer ring (entries x class, by default 512 x 4 KiB = 2 MiB).
 */
package dev.weft.io.buffer;
