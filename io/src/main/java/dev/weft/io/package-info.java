/**
 * Weft's I/O layer: the driver backends that plug into the runtime's parking SPI (io_uring,
 * epoll, NIO), the Linux syscalls they need (through FFM only, in {@code linux}), TCP streams
 * and listeners, and the off-heap buffer pool ({@code buffer}).
 */
package dev.weft.io;
