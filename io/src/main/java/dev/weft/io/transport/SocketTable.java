package dev.weft.io.transport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The sockets registered with one driver, so the driver's close can close whatever its users
 * left open (no fd outlives its runtime). Owner thread only.
 */
public final class SocketTable {
    private final Set<OwnedSocket> open = new HashSet<>();

    public void add(OwnedSocket socket) {
        open.add(socket);
    }

    public void remove(OwnedSocket socket) {
        open.remove(socket);
    }

    public int size() {
        return open.size();
    }

    /** Does the owner's part of closing for every socket still registered. */
    public void closeAll() {
        for (OwnedSocket s : new ArrayList<>(open)) {
            try {
                s.closeOnOwner();
            } catch (RuntimeException ignored) {
                // Closing on shutdown: nothing useful to do with a failure here.
            }
        }
        open.clear();
    }
}
