package dev.weft.gateway.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.weft.gateway.client.ClientProtocolHandler;
import dev.weft.http.Exchange;
import dev.weft.http.HttpHandler;
import dev.weft.http.Response;
import dev.weft.http.ResponseHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Centrifugo's HTTP server API: {@code POST /api/<method>} with a JSON request object,
 * answered 200 with {@code {"result": {...}}} or {@code {"error": {"code": N, "message": "..."}}}
 * (see {@code docs/PROTOCOL.md}, "Server API").
 *
 * <ol>
 *   <li>Auth: the key in {@code X-API-Key: <key>}, or else {@code Authorization: apikey <key>};
 *       missing or wrong is 401 with an empty body, whatever the method.</li>
 *   <li>An unknown method is 404; an empty body, malformed JSON, a body that is not an object,
 *       or a field of the wrong type is 400 with a plain-text reason, and nothing runs.</li>
 *   <li>The command runs; a failure it knows is an error code in the body, anything else
 *       error 100.</li>
 * </ol>
 * Bodies over the HTTP layer's limit (1 MiB by default) are refused with 413 before this
 * handler runs. Runs on the connection's task; thread-safe.
 */
public final class ApiHandler implements HttpHandler {
    /** The route this handler serves. */
    public static final String ROUTE = "/api/{method}";

    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    private final byte[] apiKey;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Payloads are re-encoded from the tree: keep numbers exactly as sent.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private final Map<String, ApiMethod> methods;
    private final BatchMethod batch;

    public ApiHandler(ClientProtocolHandler protocol, String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalArgumentException("the server API needs a non-empty API key");
        }
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        PublishMethods publish = new PublishMethods(protocol,
                new IdempotencyCache(protocol.clock(), IdempotencyCache.DEFAULT_WINDOW));
        UserMethods users = new UserMethods(protocol);
        ChannelQueryMethods queries = new ChannelQueryMethods(protocol);
        NodeMethods node = new NodeMethods(protocol,
                new NodeMethods.Identity(UUID.randomUUID().toString(), hostName(), protocol.clock().instant()));
        Map<String, ApiMethod> m = new LinkedHashMap<>();
        m.put("publish", publish.publish());
        m.put("broadcast", publish.broadcast());
        m.put("subscribe", users.subscribe());
        m.put("unsubscribe", users.unsubscribe());
        m.put("disconnect", users.disconnect());
        m.put("refresh", users.refresh());
        m.put("presence", queries.presence());
        m.put("presence_stats", queries.presenceStats());
        m.put("history", queries.history());
        m.put("history_remove", queries.historyRemove());
        m.put("channels", node.channels());
        m.put("info", node.info());
        this.methods = Map.copyOf(m);
        this.batch = new BatchMethod(m);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "weft";
        }
    }

    @Override
    public Response handle(Exchange exchange) {
        if (!isAuthorized(exchange)) {
            return Response.of(401);
        }
        String name = exchange.pathParam("method");
        ApiMethod method = name.equals("batch") ? batch::decode : methods.get(name);
        if (method == null) {
            return Response.text(404, "unknown server API method\n");
        }
        ApiCall call;
        try {
            call = method.decode(parse(exchange.body().toArray(ValueLayout.JAVA_BYTE)));
        } catch (MalformedRequestException e) {
            return Response.text(400, "bad request: " + e.getMessage() + "\n");
        }
        return json(name.equals("batch") ? runBatch(call) : run(name, call));
    }

    /** {@code X-API-Key} if present, else {@code Authorization: apikey <key>}; compared in constant time. */
    private boolean isAuthorized(Exchange exchange) {
        String key = exchange.request().headers().get("X-API-Key");
        if (key == null || key.isEmpty()) {
            String authorization = exchange.request().headers().get("Authorization");
            if (authorization == null) {
                return false;
            }
            String[] parts = authorization.trim().split("\\s+");
            if (parts.length != 2 || !parts[0].equalsIgnoreCase("apikey")) {
                return false;
            }
            key = parts[1];
        }
        return MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8));
    }

    private ApiParams parse(byte[] body) throws MalformedRequestException {
        if (body.length == 0) {
            throw new MalformedRequestException("empty body; send a JSON object");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new MalformedRequestException("malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedRequestException("the body must be a JSON object");
        }
        return new ApiParams(json, root);
    }

    private ApiCall.Result run(String name, ApiCall call) {
        ApiCall.Result result;
        try {
            result = call.run();
        } catch (ApiException e) {
            return errorBody(e.code());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "server API method " + name + " failed", e);
            return errorBody(ApiErrorCode.INTERNAL);
        }
        return g -> {
            g.writeStartObject();
            g.writeFieldName("result");
            result.write(g);
            g.writeEndObject();
        };
    }

    private static ApiCall.Result runBatch(ApiCall call) {
        try {
            return call.run();
        } catch (ApiException e) {
            return errorBody(e.code());
        }
    }

    private static ApiCall.Result errorBody(ApiErrorCode code) {
        return g -> {
            g.writeStartObject();
            g.writeFieldName("error");
            ApiJson.writeError(g, code);
            g.writeEndObject();
        };
    }

    private Response json(ApiCall.Result body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return new Response(ResponseHead.of(200).with("Content-Type", "application/json"), out.toByteArray());
    }
}
