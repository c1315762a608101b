package dev.weft.gateway.broker;

import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.Publication;
import dev.weft.gateway.protocol.StreamPosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Remembers everything a broker delivers, as readable lines. */
final class RecordingHandler implements BrokerEventHandler {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onPublication(String channel, Publication publication, StreamPosition position) {
        events.add("pub " + channel + " " + publication.offset() + " " + publication.data() + " top=" + position.offset());
    }

    @Override
    public void onJoin(String channel, ClientInfo info) {
        events.add("join " + channel + " " + info.client());
    }

    @Override
    public void onLeave(String channel, ClientInfo info) {
        events.add("leave " + channel + " " + info.client());
    }
}
