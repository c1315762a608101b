package dev.weft.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.gateway.protocol.DisconnectCode;
import dev.weft.gateway.protocol.RawJson;
import org.junit.jupiter.api.Test;

/** RPC and send handlers. */
class RpcSendTest {
    private final Gateway gw = new Gateway();

    @Test
    void rpcWithoutHandlerIsMethodNotFound() {
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"rpc\":{\"method\":\"sum\",\"data\":[1,2]},\"id\":2}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"error\":{\"code\":104,\"message\":\"method not found\"}}");
    }

    @Test
    void rpcHandlerAnswers() {
        gw.rebuild(HandlerConfig.defaults("0.1.0"), (ctx, method, data) -> method.equals("echo")
                ? new RpcHandler.Outcome.Success(RawJson.of("{\"from\":\"" + ctx.user() + "\",\"got\":" + data + "}"))
                : new RpcHandler.Outcome.Failure(new dev.weft.gateway.protocol.ReplyError(1000, "custom", false)), null);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"rpc\":{\"method\":\"echo\",\"data\":[1,2]},\"id\":2}\n{\"rpc\":{\"method\":\"x\"},\"id\":3}");
        assertThat(c.take()).containsExactly("{\"id\":2,\"rpc\":{\"data\":{\"from\":\"1\",\"got\":[1,2]}}}",
                "{\"id\":3,\"error\":{\"code\":1000,\"message\":\"custom\"}}");
    }

    @Test
    void sendGoesToTheHandlerWithoutReply() {
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"send\":{\"data\":{\"typing\":true}}}");
        assertThat(c.take()).isEmpty();
        assertThat(gw.sent).containsExactly("c1 {\"typing\":true}");
    }

    @Test
    void sendWithoutHandlerIsNotAvailable() {
        gw.rebuild(HandlerConfig.defaults("0.1.0"), RpcHandler.METHOD_NOT_FOUND, null);
        Gateway.Conn c = gw.connected("1");
        c.frame("{\"send\":{\"data\":1}}");
        assertThat(c.session().disconnected()).isEqualTo(DisconnectCode.NOT_AVAILABLE.toDisconnect());
    }
}
