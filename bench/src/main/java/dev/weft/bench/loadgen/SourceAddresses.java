package dev.weft.bench.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The loopback source addresses a generator's connections come from: {@code count} addresses
 * starting at 127.0.0.{@code first}, connection {@code i} from the {@code i mod count}-th.
 *
 * <p>Why: towards one server port, each source address has one ephemeral port range
 * (32768-60999 by default, ~28,000 ports), so one address holds at most that many
 * connections; the whole 127.0.0.0/8 is loopback on Linux, so more addresses multiply it.
 * Several generator processes get disjoint ranges ({@code first}), so they never compete for
 * one address's ports.
 *
 * @param first the offset of the first address after 127.0.0.0 (1 is 127.0.0.1)
 * @param count how many consecutive addresses
 */
public record SourceAddresses(int first, int count) {

    /** Connections per source address planned for: below the ~28,000 ephemeral ports, with room for TIME_WAIT. */
    public static final int CONNECTIONS_PER_ADDRESS = 25_000;
    private static final int LOOPBACK_NET = 0x7F00_0000;
    private static final int LOOPBACK_HOSTS = (1 << 24) - 2;

    public SourceAddresses {
        if (count < 1) {
            throw new IllegalArgumentException("--source-addresses must be at least 1; was " + count);
        }
        if (first < 1 || (long) first + count - 1 > LOOPBACK_HOSTS) {
            throw new IllegalArgumentException("source addresses 127.0.0.0+" + first + " .. +" + (first + count - 1)
                    + " leave 127.0.0.0/8");
        }
    }

    /** As many addresses from 127.0.0.1 on as {@code connections} need. */
    public static SourceAddresses forConnections(int connections) {
        return new SourceAddresses(1, needed(connections));
    }

    /** Addresses {@code connections} need at {@link #CONNECTIONS_PER_ADDRESS} each. */
    public static int needed(int connections) {
        return Math.max(1, (connections + CONNECTIONS_PER_ADDRESS - 1) / CONNECTIONS_PER_ADDRESS);
    }

    /** The address connection {@code i} binds to. */
    public InetAddress address(int i) {
        int host = first + Math.floorMod(i, count);
        byte[] a = {127, (byte) (host >>> 16), (byte) (host >>> 8), (byte) host};
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    @Override
    public String toString() {
        return count == 1 ? address(0).getHostAddress()
                : address(0).getHostAddress() + ".." + address(count - 1).getHostAddress();
    }
}
