package dev.weft.gateway.protocol;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The successful outcome of a command, sent in the reply field named like the command
 * ({@code "connect"}, {@code "presence_stats"}). Zero values are left out of the JSON,
 * as the reference encoder does, except where {@link JsonEncoder} says otherwise.
 */
public sealed interface Result {
    /** The reply field this result travels in. */
    String field();

    /** Also the body of a server-side {@code connect} push. {@code ttl} and {@code ping} in seconds. */
    record Connect(String client, String version, boolean expires, long ttlSeconds, RawJson data,
                   Map<String, Subscribe> subs, long pingSeconds, boolean pong) implements Result {
        public Connect {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(version, "version");
            subs = Collections.unmodifiableSortedMap(new TreeMap<>(subs));
        }

        @Override
        public String field() {
            return "connect";
        }
    }

    /**
     * {@code recovered} is only ever true when {@code wasRecovering} is; with it,
     * {@code publications} are exactly the ones the client missed.
     */
    record Subscribe(boolean expires, long ttlSeconds, boolean recoverable, String epoch,
                     List<Publication> publications, boolean recovered, long offset, boolean positioned,
                     RawJson data, boolean wasRecovering) implements Result {
        public Subscribe {
            Objects.requireNonNull(epoch, "epoch");
            publications = List.copyOf(publications);
            if (recovered && !wasRecovering) {
                throw new IllegalArgumentException("recovered without a recovery attempt");
            }
        }

        @Override
        public String field() {
            return "subscribe";
        }
    }

    record Unsubscribe() implements Result {
        @Override
        public String field() {
            return "unsubscribe";
        }
    }

    record Publish() implements Result {
        @Override
        public String field() {
            return "publish";
        }
    }

    /** Keyed by client id. */
    record Presence(Map<String, ClientInfo> presence) implements Result {
        public Presence {
            // Sorted, so equal presence always encodes to the same bytes.
            presence = Collections.unmodifiableSortedMap(new TreeMap<>(presence));
        }

        @Override
        public String field() {
            return "presence";
        }
    }

    record PresenceStats(long numClients, long numUsers) implements Result {
        @Override
        public String field() {
            return "presence_stats";
        }
    }

    /** {@code epoch} and {@code offset} are the stream's current top, not the last publication returned. */
    record History(List<Publication> publications, String epoch, long offset) implements Result {
        public History {
            publications = List.copyOf(publications);
            Objects.requireNonNull(epoch, "epoch");
        }

        @Override
        public String field() {
            return "history";
        }
    }

    record Ping() implements Result {
        @Override
        public String field() {
            return "ping";
        }
    }

    record Rpc(RawJson data) implements Result {
        @Override
        public String field() {
            return "rpc";
        }
    }

    record Refresh(String client, String version, boolean expires, long ttlSeconds) implements Result {
        @Override
        public String field() {
            return "refresh";
        }
    }

    record SubRefresh(boolean expires, long ttlSeconds) implements Result {
        @Override
        public String field() {
            return "sub_refresh";
        }
    }
}
