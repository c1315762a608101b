package dev.weft.io.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} / {@code sockaddr_in6} encoding (Linux {@code include/uapi/linux/in.h},
 * {@code in6.h}):
 *
 * <pre>
 * sockaddr_in  (16 B): family u16 (host order) | port u16 (network order) | addr[4]  | zero[8]
 * sockaddr_in6 (28 B): family u16 | port u16 (network) | flowinfo u32 | addr[16] | scope_id u32
 * </pre>
 */
public final class SockAddr {
    /** Room for either form, and the size passed as the in/out length. */
    public static final int MAX_BYTES = 28;
    public static final int IN_BYTES = 16;
    public static final int IN6_BYTES = 28;

    private static final java.lang.foreign.ValueLayout.OfShort PORT =
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private SockAddr() {}

    /** Writes {@code address} into {@code out} and returns the struct's length. */
    public static int encode(InetSocketAddress address, MemorySegment out) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        InetAddress ip = address.getAddress();
        out.asSlice(0, MAX_BYTES).fill((byte) 0);
        out.set(PORT, 2, (short) address.getPort());
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet4Address) {
            out.set(JAVA_SHORT, 0, (short) SocketCalls.AF_INET);
            MemorySegment.copy(raw, 0, out, JAVA_BYTE, 4, 4);
            return IN_BYTES;
        }
        out.set(JAVA_SHORT, 0, (short) SocketCalls.AF_INET6);
        MemorySegment.copy(raw, 0, out, JAVA_BYTE, 8, 16);
        out.set(JAVA_INT, 24, ((Inet6Address) ip).getScopeId());
        return IN6_BYTES;
    }

    /** The family {@link #encode} would write for {@code address}. */
    public static int family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address
                ? SocketCalls.AF_INET : SocketCalls.AF_INET6;
    }

    /** Reads a sockaddr written by the kernel. */
    public static InetSocketAddress decode(MemorySegment in) {
        int family = in.get(JAVA_SHORT, 0);
        int port = Short.toUnsignedInt(in.get(PORT, 2));
        try {
            if (family == SocketCalls.AF_INET) {
                byte[] raw = new byte[4];
                MemorySegment.copy(in, JAVA_BYTE, 4, raw, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port);
            }
            if (family == SocketCalls.AF_INET6) {
                byte[] raw = new byte[16];
                MemorySegment.copy(in, JAVA_BYTE, 8, raw, 0, 16);
                return new InetSocketAddress(
                        Inet6Address.getByAddress(null, raw, in.get(JAVA_INT, 24)), port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kernel address of wrong length", e);
        }
        throw new IllegalArgumentException("not an inet address family: " + family);
    }
}
