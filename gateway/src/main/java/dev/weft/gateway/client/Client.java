package dev.weft.gateway.client;

import dev.weft.gateway.auth.ConnectionClaims;
import dev.weft.gateway.auth.SubscriptionClaims;
import dev.weft.gateway.auth.TokenRejectedException;
import dev.weft.gateway.hub.ChannelName;
import dev.weft.gateway.hub.ChannelOptions;
import dev.weft.gateway.hub.ClientSession;
import dev.weft.gateway.hub.Subscriber;
import dev.weft.gateway.protocol.BadRequestException;
import dev.weft.gateway.protocol.ClientInfo;
import dev.weft.gateway.protocol.Command;
import dev.weft.gateway.protocol.Disconnect;
import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.ErrorCode;
import dev.weft.gateway.protocol.Push;
import dev.weft.gateway.protocol.RawJson;
import dev.weft.gateway.protocol.Request;
import dev.weft.gateway.protocol.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection's protocol state: connect first, then any commands; replies and
 * pushes go to its {@link ClientSession}. A malformed frame, a command before connect, a
 * second connect, a missing id or an invalid token closes the connection with the
 * matching disconnect code; everything else that fails gets an error reply. A connect
 * that fails with an error reply drops the rest of its frame and leaves the connection
 * unusable (any further command closes it with 3501): the client reconnects, as
 * centrifuge-js does after error 109 once it has a fresh token.
 *
 * <p>Thread roles: the transport calls {@link #handleFrame}/{@link #handle} from the
 * connection's reader and {@link #close}/{@link #checkExpiry}/{@link #onPingSent} from
 * timers; all public methods are {@code synchronized} on this client. Publications
 * reach the session through the hub without touching this object.
 */
public final class Client {
    /** NEW until connect succeeds; a failed connect makes the connection UNUSABLE, as in Centrifugo. */
    private enum State { NEW, UNUSABLE, CONNECTED, CLOSED }

    /** A live subscription: its hub entry, options, and the info others see. */
    private record ChannelContext(Subscriber subscriber, ChannelOptions options, ClientInfo info,
                                  Optional<Instant> expiresAt) {}

    /** A subscription registered in the hub (buffering) with the reply computed, not yet live. */
    private record Prepared(ChannelContext context, Result.Subscribe result, long coveredOffset) {}

    private final ClientProtocolHandler node;
    private final ClientSession session;
    private final ChannelCommands channelCommands;
    /** Guarded by this. */
    private State state = State.NEW;
    /** Set at connect; guarded by this. */
    private String clientId = "";
    /** Set at connect; empty for anonymous; guarded by this. */
    private String user = "";
    /** From the token's {@code info}; guarded by this. */
    private RawJson connInfo;
    /** When the connection must refresh its token or be closed; guarded by this. */
    private Optional<Instant> expiresAt = Optional.empty();
    /** Channel to subscription, in subscribe order; guarded by this. */
    private final Map<String, ChannelContext> subscriptions = new LinkedHashMap<>();
    /** A ping was sent and no pong came yet; guarded by this. */
    private boolean isAwaitingPong;
    /** Null when the command rate is unlimited; guarded by this. */
    private final CommandRateLimiter commandRate;
    /** This connection counts towards its user's connection limit; guarded by this. */
    private boolean holdsUserSlot;

    Client(ClientProtocolHandler node, ClientSession session) {
        this.node = node;
        this.session = session;
        this.channelCommands = new ChannelCommands(node);
        ClientLimits limits = node.limits;
        this.commandRate = limits.limitsCommandRate()
                ? new CommandRateLimiter(limits.commandRatePerSecond(), limits.commandBurst(), System.nanoTime())
                : null;
    }

    /** Decodes and handles every command in one frame, stopping if the connection closes. */
    public synchronized void handleFrame(byte[] frame) {
        if (state == State.CLOSED) {
            return;
        }
        List<Command> commands;
        try {
            commands = node.decoder.decode(frame);
        } catch (BadRequestException e) {
            disconnect(DisconnectCode.BAD_REQUEST.toDisconnect());
            return;
        }
        for (Command c : commands) {
            handle(c);
            // After a failed connect the rest of the frame is dropped; the client closes and retries.
            if (state == State.CLOSED || state == State.UNUSABLE) {
                return;
            }
        }
    }

    public synchronized void handle(Command command) {
        if (state == State.CLOSED) {
            return;
        }
        node.metrics.onCommand(command.request());
        try {
            Result result = dispatch(command);
            if (result != null) {
                reply(node.encoder.reply(command.id(), result));
            }
        } catch (CommandFailure f) {
            switch (f) {
                case CommandFailure.Reply r -> {
                    if (command.request() instanceof Request.Connect) {
                        state = State.UNUSABLE;
                    }
                    node.metrics.onReplyError(command.request(), r.error.code());
                    reply(node.encoder.error(command.id(), r.error));
                }
                case CommandFailure.Close c -> disconnect(c.disconnect);
            }
        }
    }

    /** The transport sent a ping ({@code {}}); the next pong is expected. */
    public synchronized void onPingSent() {
        isAwaitingPong = true;
    }

    /** Whether a ping is still unanswered; the transport closes with 3012 when one stays so too long. */
    public synchronized boolean isAwaitingPong() {
        return isAwaitingPong;
    }

    /**
     * Closes an expired connection (3005) and unsubscribes expired subscriptions (push
     * 2501, which makes the client resubscribe with a fresh token). For a periodic timer.
     */
    public synchronized void checkExpiry() {
        if (state != State.CONNECTED) {
            return;
        }
        Instant now = node.clock.instant();
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            disconnect(DisconnectCode.EXPIRED.toDisconnect());
            return;
        }
        for (ChannelContext ctx : List.copyOf(subscriptions.values())) {
            if (ctx.expiresAt().isPresent() && !now.isBefore(ctx.expiresAt().get())) {
                unsubscribeServerSide(ctx.subscriber().channel(), Push.Unsubscribe.EXPIRED, "subscription expired");
            }
        }
    }

    /**
     * Re-adds this connection to the presence of its channels, which otherwise expires
     * after the presence TTL. For a periodic timer with a period below that TTL.
     */
    public synchronized void updatePresence() {
        if (state != State.CONNECTED) {
            return;
        }
        subscriptions.forEach((channel, ctx) -> {
            if (ctx.options().presence()) {
                node.presence.addPresence(channel, clientId, ctx.info());
            }
        });
    }

    /** The connection is gone: leave every channel. Idempotent. */
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CONNECTED) {
            node.registry.remove(user, clientId, this);
        }
        state = State.CLOSED;
        for (String channel : List.copyOf(subscriptions.keySet())) {
            leave(channel);
        }
        if (holdsUserSlot) {
            holdsUserSlot = false;
            node.userConnections.release(user);
        }
    }

    // ---- server API -----------------------------------------------------------------

    /**
     * Subscribes this connection to {@code channel} on the server's behalf: the client gets a
     * {@code subscribe} push carrying {@code data}, then the channel's publications. Returns false
     * when the connection is not connected or is already subscribed. The caller has checked that
     * the channel is known (error 102 otherwise).
     */
    public synchronized boolean subscribeByServer(String channel, RawJson data, RawJson chanInfo,
                                                  Optional<Instant> subExpiresAt) {
        if (state != State.CONNECTED || subscriptions.containsKey(channel)) {
            return false;
        }
        Prepared prepared;
        try {
            ChannelOptions options = optionsFor(channel);
            // Recoverable when the namespace allows it, as for the connect token's channels.
            Request.Subscribe sub = new Request.Subscribe(channel, "", false, "", 0, null, false, true, true, 0);
            prepared = prepare(channel, sub, options, chanInfo, subExpiresAt);
        } catch (CommandFailure f) {
            return false;
        }
        Result.Subscribe r = prepared.result();
        byte[] push = node.encoder.push(channel, new Push.Subscribe(r.recoverable(), r.epoch(), r.offset(),
                r.positioned(), data));
        goLive(prepared, push);
        return true;
    }

    /** Ends this connection's subscription to {@code channel} with an {@code unsubscribe} push (2000). */
    public synchronized boolean unsubscribeByServer(String channel) {
        if (state != State.CONNECTED || !subscriptions.containsKey(channel)) {
            return false;
        }
        unsubscribeServerSide(channel, Push.Unsubscribe.SERVER, "server unsubscribe");
        return true;
    }

    /** Closes this connection with {@code d}, as a slow or expired one is closed. */
    public synchronized void disconnectByServer(Disconnect d) {
        if (state != State.CLOSED) {
            disconnect(d);
        }
    }

    /**
     * Sets when this connection expires (empty: never) and tells the client with a
     * {@code refresh} push; an expiry already past closes it with 3005 at once.
     */
    public synchronized void refreshByServer(Optional<Instant> newExpiresAt) {
        if (state != State.CONNECTED) {
            return;
        }
        if (newExpiresAt.isPresent() && !node.clock.instant().isBefore(newExpiresAt.get())) {
            disconnect(DisconnectCode.EXPIRED.toDisconnect());
            return;
        }
        expiresAt = newExpiresAt;
        reply(node.encoder.push("", new Push.Refresh(expiresAt.isPresent(), ttlSeconds(expiresAt))));
    }

    public synchronized String clientId() {
        return clientId;
    }

    public synchronized String user() {
        return user;
    }

    public synchronized List<String> channels() {
        return List.copyOf(subscriptions.keySet());
    }

    private void disconnect(Disconnect d) {
        close();
        session.disconnect(d);
    }

    private void reply(byte[] message) {
        if (!session.enqueue(message)) {
            disconnect(DisconnectCode.SLOW.toDisconnect());
        }
    }

    private Result dispatch(Command command) throws CommandFailure {
        Request request = command.request();
        if (state == State.UNUSABLE) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "command after a failed connect");
        }
        if (state == State.NEW && !(request instanceof Request.Connect)) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "command before connect");
        }
        boolean needsId = !(request instanceof Request.Send) && !(request instanceof Request.Pong);
        if (needsId && command.id() == 0) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "command without id");
        }
        checkLimits(request, command.id());
        return switch (request) {
            case Request.Connect c -> connect(c, command.id());
            case Request.Subscribe s -> subscribe(s, command.id());
            case Request.Unsubscribe u -> unsubscribe(u);
            case Request.Publish p -> channelCommands.publish(p, publisherInfo(p.channel()), user);
            case Request.Presence p -> channelCommands.presence(p, user, subscriptions.containsKey(p.channel()));
            case Request.PresenceStats p -> channelCommands.presenceStats(p, user, subscriptions.containsKey(p.channel()));
            case Request.History h -> channelCommands.history(h, user, subscriptions.containsKey(h.channel()));
            case Request.Ping p -> new Result.Ping();
            case Request.Pong p -> pong();
            case Request.Send s -> send(s);
            case Request.Rpc r -> rpc(r);
            case Request.Refresh r -> refresh(r);
            case Request.SubRefresh r -> subRefresh(r);
        };
    }

    /**
     * The command rate (a pong is exempt: it answers the server) and the channel name length.
     * A throttled command gets error 111; one without an id to answer ({@code send}) closes with 3013.
     */
    private void checkLimits(Request request, long id) throws CommandFailure {
        if (commandRate != null && !(request instanceof Request.Pong) && !commandRate.tryAcquire(System.nanoTime())) {
            if (id == 0) {
                throw CommandFailure.close(DisconnectCode.TOO_MANY_REQUESTS, "command rate limit");
            }
            throw CommandFailure.error(ErrorCode.TOO_MANY_REQUESTS);
        }
        String channel = switch (request) {
            case Request.Subscribe s -> s.channel();
            case Request.Publish p -> p.channel();
            default -> "";
        };
        if (channel.length() > node.limits.channelMaxLength()) {
            throw CommandFailure.error(ErrorCode.BAD_REQUEST);
        }
    }

    // ---- connect -------------------------------------------------------------------

    /** Replies itself (the reply must precede the server-side subscriptions going live), so returns null. */
    private Result connect(Request.Connect req, long id) throws CommandFailure {
        if (state != State.NEW) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "client already connected");
        }
        ConnectionClaims claims;
        if (req.token().isEmpty()) {
            if (!node.config.allowAnonymousConnectWithoutToken()) {
                throw CommandFailure.error(ErrorCode.UNAUTHORIZED);
            }
            claims = new ConnectionClaims("", Optional.empty(), null, List.of());
        } else {
            claims = verifyConnectionToken(req.token());
        }
        // expire_at may lie in the past while exp does not: the connection is expired all the same.
        if (claims.expiresAt().isPresent() && !node.clock.instant().isBefore(claims.expiresAt().get())) {
            throw CommandFailure.error(ErrorCode.TOKEN_EXPIRED);
        }
        user = claims.user();
        connInfo = claims.info();
        expiresAt = claims.expiresAt();
        clientId = node.clientIds.get();

        List<Prepared> serverSide = new ArrayList<>();
        try {
            for (String channel : claims.channels().stream().distinct().toList()) {
                ChannelOptions options = optionsFor(channel);
                // The client only supplies its last position; the server decides the rest,
                // and pushes join/leave whenever the namespace has them.
                Request.Subscribe position = req.subs().get(channel);
                Request.Subscribe sub = position != null
                        ? new Request.Subscribe(channel, "", position.recover(), position.epoch(), position.offset(),
                                null, false, false, true, position.flag())
                        : new Request.Subscribe(channel, "", false, "", 0, null, false, false, true, 0);
                serverSide.add(prepare(channel, sub, options, null, Optional.empty()));
            }
        } catch (CommandFailure f) {
            serverSide.forEach(p -> node.hub.remove(p.context().subscriber()));
            throw f;
        }
        int userLimit = node.limits.userConnectionLimit();
        if (userLimit > 0 && !user.isEmpty()) {
            if (!node.userConnections.tryAcquire(user, userLimit)) {
                serverSide.forEach(p -> node.hub.remove(p.context().subscriber()));
                throw CommandFailure.close(DisconnectCode.CONNECTION_LIMIT, "user connection limit");
            }
            holdsUserSlot = true;
        }
        state = State.CONNECTED;
        node.registry.add(user, clientId, this);
        Map<String, Result.Subscribe> subs = new LinkedHashMap<>();
        serverSide.forEach(p -> subs.put(p.context().subscriber().channel(), p.result()));
        reply(node.encoder.reply(id, new Result.Connect(clientId, node.config.version(), expiresAt.isPresent(),
                ttlSeconds(expiresAt), null, subs, node.config.pingInterval().toSeconds(), true)));
        if (state == State.CLOSED) {
            // Too slow for even the connect reply: the subscriptions never went live.
            serverSide.forEach(p -> node.hub.remove(p.context().subscriber()));
            return null;
        }
        for (Prepared p : serverSide) {
            goLive(p, 0);
        }
        return null;
    }

    private ConnectionClaims verifyConnectionToken(String token) throws CommandFailure {
        try {
            return node.tokens.verifyConnection(token);
        } catch (TokenRejectedException e) {
            if (e.isExpired()) {
                throw CommandFailure.error(ErrorCode.TOKEN_EXPIRED);
            }
            throw CommandFailure.close(DisconnectCode.INVALID_TOKEN, e.getMessage());
        }
    }

    private Result.Refresh refresh(Request.Refresh req) throws CommandFailure {
        if (req.token().isEmpty()) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "refresh without token");
        }
        ConnectionClaims claims = verifyConnectionToken(req.token());
        if (!claims.user().equals(user)) {
            throw CommandFailure.close(DisconnectCode.INVALID_TOKEN, "refresh token for another user");
        }
        expiresAt = claims.expiresAt();
        return new Result.Refresh(clientId, node.config.version(), expiresAt.isPresent(), ttlSeconds(expiresAt));
    }

    private long ttlSeconds(Optional<Instant> at) {
        return at.map(t -> Math.max(1, Duration.between(node.clock.instant(), t).toSeconds())).orElse(0L);
    }

    private Result pong() throws CommandFailure {
        if (!isAwaitingPong) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "pong without ping");
        }
        isAwaitingPong = false;
        return null;
    }

    // ---- subscriptions -------------------------------------------------------------

    private ChannelOptions optionsFor(String channel) throws CommandFailure {
        return ChannelCommands.optionsFor(node, channel);
    }

    private static void requireChannel(String channel, String command) throws CommandFailure {
        ChannelCommands.requireChannel(channel, command);
    }

    /** Replies itself before the subscription goes live, so returns null. */
    private Result subscribe(Request.Subscribe req, long id) throws CommandFailure {
        String channel = req.channel();
        requireChannel(channel, "subscribe");
        if (subscriptions.containsKey(channel)) {
            throw CommandFailure.error(ErrorCode.ALREADY_SUBSCRIBED);
        }
        if (subscriptions.size() >= node.config.channelLimit()) {
            throw CommandFailure.error(ErrorCode.LIMIT_EXCEEDED);
        }
        ChannelName name = ChannelName.parse(channel);
        ChannelOptions options = optionsFor(channel);
        RawJson chanInfo = null;
        Optional<Instant> subExpiresAt = Optional.empty();
        if (!req.token().isEmpty()) {
            SubscriptionClaims claims = verifySubscriptionToken(req.token(), channel, true);
            chanInfo = claims.info();
            subExpiresAt = claims.expiresAt();
        } else if (!ChannelAccess.maySubscribe(name, options, user)) {
            throw CommandFailure.error(ErrorCode.PERMISSION_DENIED);
        }
        Prepared prepared = prepare(channel, req, options, chanInfo, subExpiresAt);
        // Error 112 only when the client asked for it; the hub entry must not outlive the failure.
        if (req.recover() && prepared.result().recoverable() && !prepared.result().recovered()
                && req.rejectsUnrecovered()) {
            node.hub.remove(prepared.context().subscriber());
            throw CommandFailure.error(ErrorCode.UNRECOVERABLE_POSITION);
        }
        goLive(prepared, id);
        return null;
    }

    /**
     * As Centrifugo: a subscribe whose token does not verify is refused with 103 and the
     * connection stays; a sub_refresh with such a token, or a valid token for another channel
     * or user, closes it with 3500.
     */
    private SubscriptionClaims verifySubscriptionToken(String token, String channel, boolean isSubscribe)
            throws CommandFailure {
        SubscriptionClaims claims;
        try {
            claims = node.tokens.verifySubscription(token);
        } catch (TokenRejectedException e) {
            if (e.isExpired()) {
                throw CommandFailure.error(ErrorCode.TOKEN_EXPIRED);
            }
            if (isSubscribe) {
                throw CommandFailure.error(ErrorCode.PERMISSION_DENIED);
            }
            throw CommandFailure.close(DisconnectCode.INVALID_TOKEN, e.getMessage());
        }
        if (!claims.channel().equals(channel)) {
            throw CommandFailure.close(DisconnectCode.INVALID_TOKEN, "subscription token for another channel");
        }
        if (!claims.user().equals(user)) {
            throw CommandFailure.close(DisconnectCode.INVALID_TOKEN, "subscription token for another user");
        }
        return claims;
    }

    /**
     * Registers a buffering subscriber, then reads the stream position (recovering if
     * asked) and builds the subscribe result. See {@link Subscriber} for why in this order.
     */
    private Prepared prepare(String channel, Request.Subscribe req, ChannelOptions options, RawJson chanInfo,
                             Optional<Instant> subExpiresAt) throws CommandFailure {
        boolean pushJoinLeave = options.joinLeave() && (options.forcePushJoinLeave() || req.joinLeave());
        Subscriber subscriber = node.hub.add(channel, clientId, session, pushJoinLeave);
        if (subscriber == null) {
            throw CommandFailure.error(ErrorCode.ALREADY_SUBSCRIBED);
        }
        ClientInfo info = new ClientInfo(user, clientId, connInfo, chanInfo);
        ChannelContext ctx = new ChannelContext(subscriber, options, info, subExpiresAt);
        SubscribeResults.Built built = SubscribeResults.build(node, channel, req, options, subExpiresAt.isPresent(),
                ttlSeconds(subExpiresAt));
        return new Prepared(ctx, built.result(), built.coveredOffset());
    }

    /**
     * Queues the subscribe reply for command {@code replyId} (0: server-side, already in the
     * connect reply) and the held publications, then announces presence and join.
     */
    private void goLive(Prepared p, long replyId) {
        goLive(p, replyId == 0 ? null : node.encoder.reply(replyId, p.result()));
    }

    /** Queues {@code first} (if any), then the held publications, then announces presence and join. */
    private void goLive(Prepared p, byte[] first) {
        ChannelContext ctx = p.context();
        String channel = ctx.subscriber().channel();
        subscriptions.put(channel, ctx);
        if (!ctx.subscriber().goLive(first, p.coveredOffset())) {
            return; // too slow: the session is closing and close() will clean up
        }
        if (ctx.options().presence()) {
            node.presence.addPresence(channel, clientId, ctx.info());
        }
        if (ctx.options().joinLeave()) {
            node.broker.publishJoin(channel, ctx.info());
        }
    }

    private Result.Unsubscribe unsubscribe(Request.Unsubscribe req) throws CommandFailure {
        requireChannel(req.channel(), "unsubscribe");
        leave(req.channel());
        return new Result.Unsubscribe();
    }

    private void unsubscribeServerSide(String channel, int code, String reason) {
        leave(channel);
        reply(node.encoder.push(channel, new Push.Unsubscribe(code, reason)));
    }

    private void leave(String channel) {
        ChannelContext ctx = subscriptions.remove(channel);
        if (ctx == null) {
            return;
        }
        node.hub.remove(ctx.subscriber());
        if (ctx.options().presence()) {
            node.presence.removePresence(channel, clientId);
        }
        if (ctx.options().joinLeave()) {
            node.broker.publishLeave(channel, ctx.info());
        }
    }

    private Result.SubRefresh subRefresh(Request.SubRefresh req) throws CommandFailure {
        requireChannel(req.channel(), "sub_refresh");
        if (req.token().isEmpty()) {
            throw CommandFailure.close(DisconnectCode.BAD_REQUEST, "sub_refresh without token");
        }
        ChannelContext ctx = subscriptions.get(req.channel());
        if (ctx == null) {
            throw CommandFailure.error(ErrorCode.BAD_REQUEST);
        }
        SubscriptionClaims claims = verifySubscriptionToken(req.token(), req.channel(), false);
        subscriptions.put(req.channel(), new ChannelContext(ctx.subscriber(), ctx.options(), ctx.info(),
                claims.expiresAt()));
        return new Result.SubRefresh(claims.expiresAt().isPresent(), ttlSeconds(claims.expiresAt()));
    }

    /** How this client appears in its publications: with its channel info when subscribed. */
    private ChannelCommands.Publisher publisherInfo(String channel) {
        ChannelContext ctx = subscriptions.get(channel);
        return ctx != null ? new ChannelCommands.Publisher(ctx.info(), true)
                : new ChannelCommands.Publisher(new ClientInfo(user, clientId, connInfo, null), false);
    }

    // ---- application handlers ------------------------------------------------------

    private Result send(Request.Send req) throws CommandFailure {
        if (node.send == null) {
            throw CommandFailure.close(DisconnectCode.NOT_AVAILABLE, "no send handler");
        }
        node.send.onSend(new ClientContext(user, clientId, connInfo), req.data());
        return null;
    }

    private Result.Rpc rpc(Request.Rpc req) throws CommandFailure {
        RpcHandler.Outcome outcome = node.rpc.call(new ClientContext(user, clientId, connInfo), req.method(), req.data());
        return switch (outcome) {
            case RpcHandler.Outcome.Success s -> new Result.Rpc(s.data());
            case RpcHandler.Outcome.Failure f -> throw new CommandFailure.Reply(f.error());
        };
    }
}
