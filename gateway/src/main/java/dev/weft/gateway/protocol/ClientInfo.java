package dev.weft.gateway.protocol;

import java.util.Objects;

/**
 * Who a connection is: in presence, join/leave pushes and client publications.
 * {@code connInfo} comes from the connection token's {@code info} claim,
 * {@code chanInfo} from a subscription token's; either may be null.
 */
public record ClientInfo(String user, String client, RawJson connInfo, RawJson chanInfo) {
    public ClientInfo {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(client, "client");
    }
}
