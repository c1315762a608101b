package dev.weft.gateway.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes replies and pushes as JSON protocol messages, one message per call with no
 * trailing newline (the transport joins several with {@code \n} into one frame). Field
 * order and omission follow the reference encoder: fields in schema order, zero values
 * left out, except the always-present {@code user}/{@code client} of client info,
 * {@code num_clients}/{@code num_users}, and {@code publications}/{@code epoch}/{@code offset}
 * of a history result ({@code []}, not {@code null}, when empty). Payloads are embedded raw.
 * Thread-safe.
 */
public final class JsonEncoder {
    /** A server ping (and the reply to nothing): the empty message. */
    public static final byte[] PING = "{}".getBytes(StandardCharsets.US_ASCII);

    private final JsonFactory json = JsonFactory.builder().build();

    public byte[] reply(long id, Result result) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("id", id);
            g.writeFieldName(result.field());
            writeResult(g, result);
            g.writeEndObject();
        });
    }

    public byte[] error(long id, ReplyError error) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("id", id);
            g.writeFieldName("error");
            g.writeStartObject();
            if (error.code() != 0) {
                g.writeNumberField("code", error.code());
            }
            if (!error.message().isEmpty()) {
                g.writeStringField("message", error.message());
            }
            if (error.temporary()) {
                g.writeBooleanField("temporary", true);
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A push on {@code channel}; pass "" for connection-level pushes (message, disconnect, ...). */
    public byte[] push(String channel, Push push) {
        return write(g -> {
            g.writeStartObject();
            g.writeFieldName("push");
            g.writeStartObject();
            if (!channel.isEmpty()) {
                g.writeStringField("channel", channel);
            }
            g.writeFieldName(push.field());
            writePush(g, push);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private void writeResult(JsonGenerator g, Result result) throws IOException {
        g.writeStartObject();
        switch (result) {
            case Result.Connect c -> writeConnectFields(g, c);
            case Result.Subscribe s -> writeSubscribeFields(g, s);
            case Result.Unsubscribe u -> { }
            case Result.Publish p -> { }
            case Result.Ping p -> { }
            case Result.Presence p -> {
                g.writeFieldName("presence");
                g.writeStartObject();
                for (Map.Entry<String, ClientInfo> e : p.presence().entrySet()) {
                    g.writeFieldName(e.getKey());
                    writeClientInfo(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Result.PresenceStats s -> {
                g.writeNumberField("num_clients", s.numClients());
                g.writeNumberField("num_users", s.numUsers());
            }
            case Result.History h -> {
                g.writeFieldName("publications");
                writePublications(g, h.publications());
                g.writeStringField("epoch", h.epoch());
                g.writeNumberField("offset", h.offset());
            }
            case Result.Rpc r -> rawIfPresent(g, "data", r.data());
            case Result.Refresh r -> {
                stringIfPresent(g, "client", r.client());
                stringIfPresent(g, "version", r.version());
                trueIfSet(g, "expires", r.expires());
                numberIfPresent(g, "ttl", r.ttlSeconds());
            }
            case Result.SubRefresh r -> {
                trueIfSet(g, "expires", r.expires());
                numberIfPresent(g, "ttl", r.ttlSeconds());
            }
        }
        g.writeEndObject();
    }

    private void writeConnectFields(JsonGenerator g, Result.Connect c) throws IOException {
        stringIfPresent(g, "client", c.client());
        stringIfPresent(g, "version", c.version());
        trueIfSet(g, "expires", c.expires());
        numberIfPresent(g, "ttl", c.ttlSeconds());
        rawIfPresent(g, "data", c.data());
        if (!c.subs().isEmpty()) {
            g.writeFieldName("subs");
            g.writeStartObject();
            for (Map.Entry<String, Result.Subscribe> e : c.subs().entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeStartObject();
                writeSubscribeFields(g, e.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        numberIfPresent(g, "ping", c.pingSeconds());
        trueIfSet(g, "pong", c.pong());
    }

    private void writeSubscribeFields(JsonGenerator g, Result.Subscribe s) throws IOException {
        trueIfSet(g, "expires", s.expires());
        numberIfPresent(g, "ttl", s.ttlSeconds());
        trueIfSet(g, "recoverable", s.recoverable());
        stringIfPresent(g, "epoch", s.epoch());
        if (!s.publications().isEmpty()) {
            g.writeFieldName("publications");
            writePublications(g, s.publications());
        }
        trueIfSet(g, "recovered", s.recovered());
        numberIfPresent(g, "offset", s.offset());
        trueIfSet(g, "positioned", s.positioned());
        rawIfPresent(g, "data", s.data());
        trueIfSet(g, "was_recovering", s.wasRecovering());
    }

    private void writePush(JsonGenerator g, Push push) throws IOException {
        switch (push) {
            case Push.Pub p -> writePublication(g, p.publication());
            case Push.Join j -> writeInfoWrapper(g, j.info());
            case Push.Leave l -> writeInfoWrapper(g, l.info());
            case Push.Unsubscribe u -> {
                g.writeStartObject();
                numberIfPresent(g, "code", u.code());
                stringIfPresent(g, "reason", u.reason());
                g.writeEndObject();
            }
            case Push.Subscribe s -> {
                g.writeStartObject();
                trueIfSet(g, "recoverable", s.recoverable());
                stringIfPresent(g, "epoch", s.epoch());
                numberIfPresent(g, "offset", s.offset());
                trueIfSet(g, "positioned", s.positioned());
                rawIfPresent(g, "data", s.data());
                g.writeEndObject();
            }
            case Push.Message m -> {
                g.writeStartObject();
                rawIfPresent(g, "data", m.data());
                g.writeEndObject();
            }
            case Push.Connect c -> {
                g.writeStartObject();
                writeConnectFields(g, c.result());
                g.writeEndObject();
            }
            case Push.Disconnect d -> {
                g.writeStartObject();
                g.writeNumberField("code", d.disconnect().code());
                stringIfPresent(g, "reason", d.disconnect().reason());
                trueIfSet(g, "reconnect", d.disconnect().reconnect());
                g.writeEndObject();
            }
            case Push.Refresh r -> {
                g.writeStartObject();
                trueIfSet(g, "expires", r.expires());
                numberIfPresent(g, "ttl", r.ttlSeconds());
                g.writeEndObject();
            }
        }
    }

    private void writeInfoWrapper(JsonGenerator g, ClientInfo info) throws IOException {
        g.writeStartObject();
        if (info != null) {
            g.writeFieldName("info");
            writeClientInfo(g, info);
        }
        g.writeEndObject();
    }

    private void writePublications(JsonGenerator g, List<Publication> publications) throws IOException {
        g.writeStartArray();
        for (Publication p : publications) {
            writePublication(g, p);
        }
        g.writeEndArray();
    }

    private void writePublication(JsonGenerator g, Publication p) throws IOException {
        g.writeStartObject();
        rawIfPresent(g, "data", p.data());
        if (p.info() != null) {
            g.writeFieldName("info");
            writeClientInfo(g, p.info());
        }
        numberIfPresent(g, "offset", p.offset());
        if (!p.tags().isEmpty()) {
            g.writeFieldName("tags");
            g.writeStartObject();
            for (Map.Entry<String, String> e : p.tags().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void writeClientInfo(JsonGenerator g, ClientInfo info) throws IOException {
        g.writeStartObject();
        g.writeStringField("user", info.user());
        g.writeStringField("client", info.client());
        rawIfPresent(g, "conn_info", info.connInfo());
        rawIfPresent(g, "chan_info", info.chanInfo());
        g.writeEndObject();
    }

    private static void stringIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    private static void numberIfPresent(JsonGenerator g, String name, long value) throws IOException {
        if (value != 0) {
            g.writeNumberField(name, value);
        }
    }

    private static void trueIfSet(JsonGenerator g, String name, boolean value) throws IOException {
        if (value) {
            g.writeBooleanField(name, true);
        }
    }

    private static void rawIfPresent(JsonGenerator g, String name, RawJson value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeRawValue(new RawUtf8(value.unsafeBytes()));
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = json.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
