package dev.weft.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Commands exactly as the centrifuge JS client (5.x) writes them, and malformed input. */
class CommandDecoderTest {
    private final CommandDecoder decoder = new CommandDecoder();

    private List<Command> decode(String frame) throws BadRequestException {
        return decoder.decode(frame.getBytes(StandardCharsets.UTF_8));
    }

    private Command decodeOne(String frame) throws BadRequestException {
        List<Command> commands = decode(frame);
        assertThat(commands).as("commands in %s", frame).hasSize(1);
        return commands.getFirst();
    }

    @Test
    void connectWithTokenAndName() throws Exception {
        Command c = decodeOne("{\"connect\":{\"token\":\"abc.def.ghi\",\"name\":\"js\"},\"id\":1}");
        assertThat(c.id()).isEqualTo(1);
        assertThat(c.request()).isEqualTo(new Request.Connect("abc.def.ghi", null, Map.of(), "js", "", Map.of()));
    }

    @Test
    void connectWithRecoverableServerSideSubs() throws Exception {
        Command c = decodeOne("{\"connect\":{\"token\":\"t\",\"data\":{\"a\":[1,2]},"
                + "\"subs\":{\"$user:1\":{\"recover\":true,\"offset\":12,\"epoch\":\"Xy\"}}},\"id\":1}");
        Request.Connect connect = (Request.Connect) c.request();
        assertThat(connect.data()).hasToString("{\"a\":[1,2]}");
        Request.Subscribe sub = connect.subs().get("$user:1");
        assertThat(sub.channel()).isEqualTo("$user:1");
        assertThat(sub.recover()).isTrue();
        assertThat(sub.offset()).isEqualTo(12);
        assertThat(sub.epoch()).isEqualTo("Xy");
    }

    @Test
    void subscribeWithFlag() throws Exception {
        Command c = decodeOne("{\"subscribe\":{\"channel\":\"news\",\"flag\":1},\"id\":2}");
        assertThat(c.request()).isEqualTo(
                new Request.Subscribe("news", "", false, "", 0, null, false, false, false, 1));
    }

    @Test
    void subscribeWithRecoveryPosition() throws Exception {
        Command c = decodeOne("{\"subscribe\":{\"channel\":\"chat:index\",\"token\":\"tok\",\"recoverable\":true,"
                + "\"join_leave\":true,\"flag\":3,\"recover\":true,\"offset\":9007199254740991,\"epoch\":\"ABCD\"},\"id\":7}");
        Request.Subscribe s = (Request.Subscribe) c.request();
        assertThat(s).isEqualTo(new Request.Subscribe("chat:index", "tok", true, "ABCD", 9007199254740991L, null,
                false, true, true, 3));
        assertThat(s.rejectsUnrecovered()).isTrue();
    }

    @Test
    void publishKeepsDataAsExactJsonText() throws Exception {
        Command c = decodeOne("{\"publish\":{\"channel\":\"news\",\"data\":{\"text\": \"héllo \\n\", \"n\":1.50e3}},\"id\":4}");
        Request.Publish p = (Request.Publish) c.request();
        assertThat(p.channel()).isEqualTo("news");
        assertThat(p.data()).hasToString("{\"text\": \"héllo \\n\", \"n\":1.50e3}");
    }

    @Test
    void scalarPayloadsAreCapturedWhole() throws Exception {
        assertThat(((Request.Rpc) decodeOne("{\"rpc\":{\"method\":\"m\",\"data\":\"a \\\"q\\\" b\"},\"id\":3}")
                .request()).data()).hasToString("\"a \\\"q\\\" b\"");
        assertThat(((Request.Rpc) decodeOne("{\"rpc\":{\"data\":-12.5,\"method\":\"m\"},\"id\":3}")
                .request()).data()).hasToString("-12.5");
        assertThat(((Request.Rpc) decodeOne("{\"rpc\":{\"data\":true},\"id\":3}")
                .request()).data()).hasToString("true");
        assertThat(((Request.Rpc) decodeOne("{\"rpc\":{\"data\":null},\"id\":3}")
                .request()).data()).isNull();
    }

    @Test
    void sendHasNoId() throws Exception {
        Command c = decodeOne("{\"send\":{\"data\":{\"x\":1}}}");
        assertThat(c.id()).isZero();
        assertThat(c.request()).isEqualTo(new Request.Send(RawJson.of("{\"x\":1}")));
    }

    @Test
    void emptyObjectIsPong() throws Exception {
        assertThat(decodeOne("{}")).isEqualTo(new Command(0, new Request.Pong()));
    }

    @Test
    void everyOtherCommand() throws Exception {
        assertThat(decodeOne("{\"unsubscribe\":{\"channel\":\"a\"},\"id\":5}").request())
                .isEqualTo(new Request.Unsubscribe("a"));
        assertThat(decodeOne("{\"presence\":{\"channel\":\"a\"},\"id\":5}").request())
                .isEqualTo(new Request.Presence("a"));
        assertThat(decodeOne("{\"presence_stats\":{\"channel\":\"a\"},\"id\":5}").request())
                .isEqualTo(new Request.PresenceStats("a"));
        assertThat(decodeOne("{\"history\":{\"channel\":\"a\",\"since\":{\"offset\":3,\"epoch\":\"e\"},\"limit\":10,\"reverse\":true},\"id\":5}").request())
                .isEqualTo(new Request.History("a", 10, new StreamPosition(3, "e"), true));
        assertThat(decodeOne("{\"history\":{\"channel\":\"a\",\"limit\":-1},\"id\":5}").request())
                .isEqualTo(new Request.History("a", -1, null, false));
        assertThat(decodeOne("{\"ping\":{},\"id\":5}").request()).isEqualTo(new Request.Ping());
        assertThat(decodeOne("{\"refresh\":{\"token\":\"t2\"},\"id\":5}").request())
                .isEqualTo(new Request.Refresh("t2"));
        assertThat(decodeOne("{\"sub_refresh\":{\"channel\":\"$a\",\"token\":\"t3\"},\"id\":5}").request())
                .isEqualTo(new Request.SubRefresh("$a", "t3"));
    }

    @Test
    void severalCommandsPerFrameNewlineSeparated() throws Exception {
        List<Command> commands = decode("{\"subscribe\":{\"channel\":\"a\"},\"id\":2}\n"
                + "{\"subscribe\":{\"channel\":\"b\"},\"id\":3}\n{\"publish\":{\"channel\":\"b\",\"data\":[1]},\"id\":4}\n");
        assertThat(commands).extracting(Command::id).containsExactly(2L, 3L, 4L);
        assertThat(((Request.Publish) commands.get(2).request()).data()).hasToString("[1]");
    }

    @Test
    void unknownFieldsAreSkipped() throws Exception {
        Command c = decodeOne("{\"id\":2,\"future\":{\"x\":[1,{}]},\"subscribe\":{\"channel\":\"a\",\"tf\":{\"op\":\"and\"},"
                + "\"delta\":\"fossil\"}}");
        assertThat(((Request.Subscribe) c.request()).channel()).isEqualTo("a");
    }

    @Test
    void nullFieldsAreAbsent() throws Exception {
        Command c = decodeOne("{\"id\":2,\"connect\":null,\"subscribe\":{\"channel\":null,\"token\":null}}");
        assertThat(c.request()).isEqualTo(new Request.Subscribe("", "", false, "", 0, null, false, false, false, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty frame                   | ''                                                    | empty frame
            only newline                  | '\n'                                                  | empty frame
            not JSON                      | 'hello'                                               | malformed JSON
            truncated                     | '{"id":1,"connect":{'                                 | malformed JSON
            array instead of object       | '[1]'                                                 | command must be an object
            trailing data                 | '{"id":1}{"id":2}'                                    | data after the command object
            two requests                  | '{"id":1,"connect":{},"subscribe":{"channel":"a"}}'   | command has both connect and subscribe
            negative id                   | '{"id":-1,"ping":{}}'                                 | id out of range
            id beyond uint32              | '{"id":4294967296,"ping":{}}'                         | id out of range
            id as string                  | '{"id":"1","ping":{}}'                                | id must be a non-negative integer
            request not an object         | '{"id":1,"connect":"x"}'                              | connect must be an object
            channel not a string          | '{"id":1,"subscribe":{"channel":5}}'                  | subscribe.channel must be a string
            recover not a boolean         | '{"id":1,"subscribe":{"channel":"a","recover":1}}'    | subscribe.recover must be a boolean
            offset fractional             | '{"id":1,"subscribe":{"channel":"a","offset":1.5}}'   | subscribe.offset must be a non-negative integer
            offset too big                | '{"id":1,"subscribe":{"offset":99999999999999999999}}'| subscribe.offset out of range
            limit beyond int32            | '{"id":1,"history":{"channel":"a","limit":3000000000}}'| history.limit must be a 32-bit integer
            header not a string           | '{"id":1,"connect":{"headers":{"a":1}}}'              | connect.headers.a must be a string
            """)
    void rejectsMalformedInput(String name, String frame, String message) {
        assertThatThrownBy(() -> decode(frame.replace("\\n", "\n")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsEmptyLineBetweenCommands() {
        assertThatThrownBy(() -> decode("{\"id\":1,\"ping\":{}}\n\n{\"id\":2,\"ping\":{}}"))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("empty command at position 1");
    }

    @Test
    void rejectsExcessiveNesting() {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThatThrownBy(() -> decode("{\"id\":1,\"publish\":{\"channel\":\"a\",\"data\":" + deep + "}}"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("malformed JSON");
    }
}
