package dev.weft.websocket;

import static dev.weft.websocket.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.buffer.Buffer;
import dev.weft.io.buffer.BufferPool;
import dev.weft.websocket.Pipeline.Binary;
import dev.weft.websocket.Pipeline.Closed;
import dev.weft.websocket.Pipeline.Failed;
import dev.weft.websocket.Pipeline.Ping;
import dev.weft.websocket.Pipeline.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Message assembly, through the client-side pipeline so frames read as unmasked hex. */
class MessageAssemblerTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();
    final BufferPool pool = leaks.newPool();

    @Test
    void joinsFragmentsWithAPingInBetween() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("01 03 48656c" // text, not fin: "Hel"
                    + "89 02 6869"                 // ping "hi"
                    + "00 01 6c"                   // continuation "l"
                    + "80 01 6f"))).containsExactly(new Ping("hi"), new Text("Hello"));
        }
    }

    @Test
    void continuationWithoutAStartIs1002() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("80 01 6f"))).containsExactly(new Failed(1002, "continuation frame without a start"));
        }
    }

    @Test
    void newDataFrameWhileFragmentedIs1002() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("01 01 61" + "82 01 62")))
                    .containsExactly(new Failed(1002, "new data frame while fragmented"));
        }
    }

    @Test
    void messageOverTheCapIs1009EvenWhenEachFrameFits() {
        try (Pipeline p = new Pipeline(pool, Role.CLIENT, 200, 300, null)) {
            byte[] frame = Bytes.concat(hex("02 7e 00c8"), new byte[200]);      // 200 bytes, not fin
            byte[] last = Bytes.concat(hex("80 7e 00c8"), new byte[200]);
            assertThat(p.feed(Bytes.concat(frame, last), 64))
                    .containsExactly(new Failed(1009, "message exceeds 300 bytes"));
        }
    }

    @Test
    void invalidUtf8FailsInTheFirstFragmentBeforeTheMessageEnds() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("01 02 61c0"))).containsExactly(new Failed(1007, "text message is not UTF-8"));
        }
    }

    @Test
    void codePointSplitAcrossFragmentsIsAccepted() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("01 02 f09f" + "00 01 98" + "80 01 80"), 1)).containsExactly(new Text("😀"));
        }
    }

    @Test
    void textEndingInsideACodePointIs1007() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("01 02 f09f" + "80 01 98")))
                    .containsExactly(new Failed(1007, "text message ends inside a code point"));
        }
    }

    @Test
    void binaryIsNotUtf8Checked() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("82 02 c0ff"))).containsExactly(new Binary(hex("c0ff")));
        }
    }

    @Test
    void emptyMessagesAndEmptyFragments() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("81 00" + "01 00" + "00 00" + "80 00")))
                    .containsExactly(new Text(""), new Text(""));
        }
    }

    @Test
    void closeFrameIsParsedAndValidated() {
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("88 05 03e8 627965"))).containsExactly(new Closed(1000, "bye"));
        }
        try (Pipeline p = Pipeline.client(pool)) {
            assertThat(p.feed(hex("88 02 03ed"))).containsExactly(new Failed(1002, "invalid close code 1005"));
        }
    }

    @Test
    void oneReadMessageThatEndsTheReceiveBufferIsTheBufferItself() {
        Buffer in = Bytes.buffer(pool, hex("82 03 010203"));
        FrameDecoder d = new FrameDecoder(Role.CLIENT, 1024, false);
        try (MessageAssembler a = new MessageAssembler(pool, 1024, null)) {
            FrameChunk chunk = (FrameChunk) d.decode(in);
            Assembled.Message m = (Assembled.Message) a.accept(chunk);
            assertThat(m.payload()).isSameAs(in);
            assertThat(chunk.isSourceTaken()).isTrue();
            assertThat(m.payload().readAddress()).isEqualTo(in.segment().address() + 2);
            assertThat(in.refCount()).isEqualTo(2);
            in.release();
            assertThat(Bytes.readable(m.payload())).isEqualTo(hex("010203"));
            m.payload().release();
            assertThat(in.isReleased()).isTrue();
        }
    }

    @Test
    void oneReadMessageFollowedByMoreBytesIsARetainedSliceAndDecodingGoesOn() {
        Buffer in = Bytes.buffer(pool, hex("82 03 010203" + "82 01 04"));
        FrameDecoder d = new FrameDecoder(Role.CLIENT, 1024, false);
        try (MessageAssembler a = new MessageAssembler(pool, 1024, null)) {
            FrameChunk chunk = (FrameChunk) d.decode(in);
            Buffer first = ((Assembled.Message) a.accept(chunk)).payload(); // the result is refilled by the next accept
            assertThat(first).isNotSameAs(in);
            assertThat(chunk.isSourceTaken()).isFalse();
            assertThat(first.readAddress()).isEqualTo(in.segment().address() + 2);
            chunk = (FrameChunk) d.decode(in);
            Assembled.Message second = (Assembled.Message) a.accept(chunk);
            assertThat(second.payload()).isSameAs(in);
            assertThat(chunk.isSourceTaken()).isTrue();
            assertThat(in.refCount()).isEqualTo(3);
            in.release();
            assertThat(Bytes.readable(first)).isEqualTo(hex("010203"));
            assertThat(Bytes.readable(second.payload())).isEqualTo(hex("04"));
            first.release();
            second.payload().release();
            assertThat(in.isReleased()).isTrue();
        }
    }

    @Test
    void closeReleasesAPartialMessage() {
        Pipeline p = Pipeline.client(pool);
        p.feed(hex("01 03 616263"));
        p.close(); // the leak check after the test fails if the partial message was kept
    }
}
