package dev.weft.gateway.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the commands of one JSON protocol frame: one JSON object per command,
 * separated by exactly one {@code \n}, with at most one {@code \n} at the end (the
 * format of {@code centrifugal/protocol}'s {@code JSONCommandDecoder}). Field names are
 * the schema's JSON names ({@code presence_stats}, {@code join_leave}). Unknown fields
 * are skipped so newer clients keep working; a known field of the wrong type, a second
 * request in one command, or malformed JSON is a {@link BadRequestException}.
 * Stateless and thread-safe.
 */
public final class CommandDecoder {
    /** Far above any real command; stops a deeply nested payload from costing stack. */
    private static final int MAX_NESTING_DEPTH = 64;

    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    /** Every command in {@code frame}, in order. */
    public List<Command> decode(byte[] frame) throws BadRequestException {
        int end = frame.length;
        if (end > 0 && frame[end - 1] == '\n') {
            end--;
        }
        if (end == 0) {
            throw new BadRequestException("empty frame");
        }
        List<Command> commands = new ArrayList<>(1);
        int lineStart = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || frame[i] == '\n') {
                commands.add(decodeLine(frame, lineStart, i, commands.size()));
                lineStart = i + 1;
            }
        }
        return commands;
    }

    private Command decodeLine(byte[] frame, int from, int to, int index) throws BadRequestException {
        if (from == to) {
            throw new BadRequestException("empty command at position " + index);
        }
        try (JsonParser p = json.createParser(frame, from, to - from)) {
            Command command = new CommandReader(p, frame, from).read();
            if (p.nextToken() != null) {
                throw new BadRequestException("data after the command object at position " + index);
            }
            return command;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("malformed JSON in command at position " + index + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }

    /** Reads one command object; one instance per line. */
    private static final class CommandReader {
        private final JsonParser p;
        private final byte[] frame;
        /** Where the parser's input starts inside {@code frame}. */
        private final int base;

        CommandReader(JsonParser p, byte[] frame, int base) {
            this.p = p;
            this.frame = frame;
            this.base = base;
        }

        Command read() throws IOException, BadRequestException {
            expectObject(p.nextToken(), "command");
            long id = 0;
            Request request = null;
            String requestField = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("id")) {
                    id = readUnsigned(value, "id", Command.MAX_ID);
                    continue;
                }
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                Request r = readRequest(field, value);
                if (r == null) {
                    continue;
                }
                if (request != null) {
                    throw new BadRequestException("command has both " + requestField + " and " + field);
                }
                request = r;
                requestField = field;
            }
            return new Command(id, request == null ? new Request.Pong() : request);
        }

        /** The request in {@code field}, or null for a field that is not a request. */
        private Request readRequest(String field, JsonToken value) throws IOException, BadRequestException {
            return switch (field) {
                case "connect" -> readConnect(value);
                case "subscribe" -> readSubscribe(value, "subscribe");
                case "unsubscribe" -> new Request.Unsubscribe(readChannelOnly(value, field));
                case "publish" -> readPublish(value);
                case "presence" -> new Request.Presence(readChannelOnly(value, field));
                case "presence_stats" -> new Request.PresenceStats(readChannelOnly(value, field));
                case "history" -> readHistory(value);
                case "ping" -> {
                    expectObject(value, field);
                    p.skipChildren();
                    yield new Request.Ping();
                }
                case "send" -> readSend(value);
                case "rpc" -> readRpc(value);
                case "refresh" -> readRefresh(value);
                case "sub_refresh" -> readSubRefresh(value);
                default -> {
                    p.skipChildren();
                    yield null;
                }
            };
        }

        private Request.Connect readConnect(JsonToken value) throws IOException, BadRequestException {
            expectObject(value, "connect");
            String token = "";
            RawJson data = null;
            Map<String, Request.Subscribe> subs = Map.of();
            String name = "";
            String version = "";
            Map<String, String> headers = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "token" -> token = readString(v, "connect.token");
                    case "data" -> data = readRaw(v);
                    case "subs" -> subs = readSubs(v);
                    case "name" -> name = readString(v, "connect.name");
                    case "version" -> version = readString(v, "connect.version");
                    case "headers" -> headers = readStringMap(v, "connect.headers");
                    default -> p.skipChildren();
                }
            }
            return new Request.Connect(token, data, subs, name, version, headers);
        }

        private Map<String, Request.Subscribe> readSubs(JsonToken value) throws IOException, BadRequestException {
            if (value == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            expectObject(value, "connect.subs");
            Map<String, Request.Subscribe> subs = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String channel = p.currentName();
                Request.Subscribe s = readSubscribe(p.nextToken(), "connect.subs");
                subs.put(channel, new Request.Subscribe(channel, s.token(), s.recover(), s.epoch(), s.offset(),
                        s.data(), s.positioned(), s.recoverable(), s.joinLeave(), s.flag()));
            }
            return subs;
        }

        private Request.Subscribe readSubscribe(JsonToken value, String where) throws IOException, BadRequestException {
            expectObject(value, where);
            String channel = "";
            String token = "";
            boolean recover = false;
            String epoch = "";
            long offset = 0;
            RawJson data = null;
            boolean positioned = false;
            boolean recoverable = false;
            boolean joinLeave = false;
            long flag = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "channel" -> channel = readString(v, where + ".channel");
                    case "token" -> token = readString(v, where + ".token");
                    case "recover" -> recover = readBoolean(v, where + ".recover");
                    case "epoch" -> epoch = readString(v, where + ".epoch");
                    case "offset" -> offset = readUnsigned(v, where + ".offset", Long.MAX_VALUE);
                    case "data" -> data = readRaw(v);
                    case "positioned" -> positioned = readBoolean(v, where + ".positioned");
                    case "recoverable" -> recoverable = readBoolean(v, where + ".recoverable");
                    case "join_leave" -> joinLeave = readBoolean(v, where + ".join_leave");
                    case "flag" -> flag = readUnsigned(v, where + ".flag", Long.MAX_VALUE);
                    default -> p.skipChildren();
                }
            }
            return new Request.Subscribe(channel, token, recover, epoch, offset, data, positioned, recoverable,
                    joinLeave, flag);
        }

        private String readChannelOnly(JsonToken value, String where) throws IOException, BadRequestException {
            expectObject(value, where);
            String channel = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("channel")) {
                    channel = readString(v, where + ".channel");
                } else {
                    p.skipChildren();
                }
            }
            return channel;
        }

        private Request.Publish readPublish(JsonToken value) throws IOException, BadRequestException {
            expectObject(value, "publish");
            String channel = "";
            RawJson data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "channel" -> channel = readString(v, "publish.channel");
                    case "data" -> data = readRaw(v);
                    default -> p.skipChildren();
                }
            }
            return new Request.Publish(channel, data);
        }

        private Request.History readHistory(JsonToken value) throws IOException, BadRequestException {
            expectObject(value, "history");
            String channel = "";
            int limit = 0;
            StreamPosition since = null;
            boolean reverse = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "channel" -> channel = readString(v, "history.channel");
                    case "limit" -> limit = readInt32(v, "history.limit");
                    case "since" -> since = readPosition(v);
                    case "reverse" -> reverse = readBoolean(v, "history.reverse");
                    default -> p.skipChildren();
                }
            }
            return new Request.History(channel, limit, since, reverse);
        }

        private StreamPosition readPosition(JsonToken value) throws IOException, BadRequestException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(value, "history.since");
            long offset = 0;
            String epoch = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "offset" -> offset = readUnsigned(v, "history.since.offset", Long.MAX_VALUE);
                    case "epoch" -> epoch = readString(v, "history.since.epoch");
                    default -> p.skipChildren();
                }
            }
            return new StreamPosition(offset, epoch);
        }

        private Request.Send readSend(JsonToken value) throws IOException, BadRequestException {
            expectObject(value, "send");
            RawJson data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("data")) {
                    data = readRaw(v);
                } else {
                    p.skipChildren();
                }
            }
            return new Request.Send(data);
        }

        private Request.Rpc readRpc(JsonToken value) throws IOException, BadRequestException {
            expectObject(value, "rpc");
            String method = "";
            RawJson data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "method" -> method = readString(v, "rpc.method");
                    case "data" -> data = readRaw(v);
                    default -> p.skipChildren();
                }
            }
            return new Request.Rpc(method, data);
        }

        private Request.Refresh readRefresh(JsonToken value) throws IOException, BadRequestException {
            expectObject(value, "refresh");
            String token = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("token")) {
                    token = readString(v, "refresh.token");
                } else {
                    p.skipChildren();
                }
            }
            return new Request.Refresh(token);
        }

        private Request.SubRefresh readSubRefresh(JsonToken value) throws IOException, BadRequestException {
            expectObject(value, "sub_refresh");
            String channel = "";
            String token = "";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "channel" -> channel = readString(v, "sub_refresh.channel");
                    case "token" -> token = readString(v, "sub_refresh.token");
                    default -> p.skipChildren();
                }
            }
            return new Request.SubRefresh(channel, token);
        }

        private Map<String, String> readStringMap(JsonToken value, String where) throws IOException, BadRequestException {
            if (value == JsonToken.VALUE_NULL) {
                return Map.of();
            }
            expectObject(value, where);
            Map<String, String> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                map.put(key, readString(p.nextToken(), where + "." + key));
            }
            return map;
        }

        /** The value's exact JSON text, or null for JSON null. */
        private RawJson readRaw(JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            int start = base + (int) p.currentTokenLocation().getByteOffset();
            if (value.isStructStart()) {
                p.skipChildren();
            } else {
                // Strings are parsed lazily: finish the token so the location is past it.
                p.finishToken();
            }
            int end = base + (int) p.currentLocation().getByteOffset();
            return RawJson.trusted(frame, start, end);
        }

        private void expectObject(JsonToken value, String where) throws BadRequestException {
            if (value != JsonToken.START_OBJECT) {
                throw new BadRequestException(where + " must be an object");
            }
        }

        private String readString(JsonToken value, String where) throws IOException, BadRequestException {
            return switch (value) {
                case VALUE_STRING -> p.getText();
                case VALUE_NULL -> "";
                default -> throw new BadRequestException(where + " must be a string");
            };
        }

        private boolean readBoolean(JsonToken value, String where) throws BadRequestException {
            return switch (value) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE, VALUE_NULL -> false;
                default -> throw new BadRequestException(where + " must be a boolean");
            };
        }

        private long readUnsigned(JsonToken value, String where, long max) throws IOException, BadRequestException {
            if (value == JsonToken.VALUE_NULL) {
                return 0;
            }
            if (value != JsonToken.VALUE_NUMBER_INT) {
                throw new BadRequestException(where + " must be a non-negative integer");
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new BadRequestException(where + " out of range");
            }
            long n = p.getLongValue();
            if (n < 0 || n > max) {
                throw new BadRequestException(where + " out of range: " + n);
            }
            return n;
        }

        private int readInt32(JsonToken value, String where) throws IOException, BadRequestException {
            if (value == JsonToken.VALUE_NULL) {
                return 0;
            }
            if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                throw new BadRequestException(where + " must be a 32-bit integer");
            }
            return p.getIntValue();
        }
    }
}
