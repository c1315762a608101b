package dev.weft.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.io.IoBackend;
import dev.weft.io.buffer.Buffer;
import dev.weft.websocket.LeakCheck;
import dev.weft.websocket.session.Messages;
import dev.weft.websocket.session.SendStatus;
import dev.weft.websocket.session.WebSocketHandler;
import dev.weft.websocket.session.WebSocketOptions;
import dev.weft.websocket.session.WebSocketSession;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A handler's own sends skip the cross-thread queue only when nothing waits in it, so every
 * message goes out in the order it was sent: a message another thread queued before the
 * handler's reply is written first, and the handler's replies keep their own order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SendOrderTest {

    @RegisterExtension
    final LeakCheck leaks = new LeakCheck();

    /** On "go": another thread sends "other" (and finishes), then the handler sends "reply-1", "go" back and "reply-2". */
    private static final WebSocketHandler OTHER_THREAD_FIRST = new WebSocketHandler() {
        @Override
        public void onText(WebSocketSession session, Buffer utf8) {
            if (!Messages.text(utf8).equals("go")) {
                return;
            }
            Thread other = Thread.ofPlatform().start(() -> session.sendText("other"));
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertThat(session.sendText("reply-1")).isEqualTo(SendStatus.QUEUED);
            session.sendText(utf8.retain()); // the received buffer itself
            session.sendText("reply-2");
        }
    };

    @ParameterizedTest
    @EnumSource(IoBackend.class)
    void aMessageQueuedByAnotherThreadBeforeTheReplyIsWrittenFirst(IoBackend backend) throws Exception {
        try (EchoFixture f = new EchoFixture(backend, leaks.newPool(), WebSocketOptions.defaults(), OTHER_THREAD_FIRST);
             RawClient c = RawClient.open(f.port, "")) {
            for (int round = 0; round < 3; round++) {
                c.sendText("go");
                assertThat(text(c.read())).isEqualTo("other");
                assertThat(text(c.read())).isEqualTo("reply-1");
                assertThat(text(c.read())).isEqualTo("go");
                assertThat(text(c.read())).isEqualTo("reply-2");
            }
        }
    }

    private static String text(RawClient.Frame f) {
        assertThat(f.opcode()).as("opcode of %s", f).isEqualTo(0x1);
        return new String(f.payload(), StandardCharsets.UTF_8);
    }
}
