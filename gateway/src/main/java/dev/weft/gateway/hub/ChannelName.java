package dev.weft.gateway.hub;

import java.util.Arrays;
import java.util.List;

/**
 * The parts of a channel name, with Centrifugo's conventions: an optional {@code $}
 * prefix marks a private channel (subscription token required), the part before the
 * first {@code :} is the namespace ({@code chat:room1}), and after {@code #} comes a
 * comma-separated list of users allowed in a user-limited channel ({@code dialog#1,2}).
 */
public record ChannelName(String name, boolean isPrivate, String namespace, List<String> allowedUsers) {
    public static final String PRIVATE_PREFIX = "$";
    public static final char NAMESPACE_BOUNDARY = ':';
    public static final char USER_BOUNDARY = '#';
    public static final char USER_SEPARATOR = ',';

    public static ChannelName parse(String name) {
        boolean isPrivate = name.startsWith(PRIVATE_PREFIX);
        String rest = isPrivate ? name.substring(PRIVATE_PREFIX.length()) : name;
        int colon = rest.indexOf(NAMESPACE_BOUNDARY);
        String namespace = colon < 0 ? "" : rest.substring(0, colon);
        int hash = name.lastIndexOf(USER_BOUNDARY);
        List<String> users = hash < 0 ? List.of()
                : Arrays.stream(name.substring(hash + 1).split(String.valueOf(USER_SEPARATOR)))
                        .filter(u -> !u.isEmpty()).toList();
        return new ChannelName(name, isPrivate, namespace, users);
    }

    public boolean isUserLimited() {
        return name.lastIndexOf(USER_BOUNDARY) >= 0;
    }
}
