package dev.weft.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.gateway.hub.ChannelName;
import dev.weft.gateway.hub.ChannelOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags over environment over file over defaults; every bad value stops with one line naming source and key. */
class ConfigLoaderTest {
    private static final String SECRET = "a-test-hmac-secret-of-at-least-32-bytes";

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static GatewayConfig load(Path file, Map<String, String> env, String... args) throws ConfigException {
        String[] all = file == null ? args : prepend(args, "--config", file.toString());
        return ((GatewayCommandLine.Run) GatewayCommandLine.parse(all, env)).config();
    }

    private static String[] prepend(String[] args, String... first) {
        String[] all = new String[first.length + args.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(args, 0, all, first.length, args.length);
        return all;
    }

    private String badFileMessage(String name, String text) throws IOException {
        Path p = file(name, text);
        try {
            load(p, Map.of());
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void noConfigurationGivesTheDefaults() throws Exception {
        GatewayConfig c = load(null, Map.of());
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.io()).isEqualTo("auto");
        assertThat(c.hasTokenKey()).isFalse();
        assertThat(c.apiKey()).isEmpty();
        assertThat(c.clientChannelLimit()).isEqualTo(128);
        assertThat(c.channelMaxLength()).isEqualTo(255);
        assertThat(c.websocketMessageSizeLimit()).isEqualTo(65536);
        assertThat(c.clientQueueMaxSize()).isEqualTo(1 << 20);
        assertThat(c.clientStaleCloseDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.pingInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(c.pongTimeout()).isEqualTo(Duration.ofSeconds(8));
        ChannelOptions top = c.channels().defaults();
        assertThat(top.historySize()).isEqualTo(100);
        assertThat(top.historyTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(top.allowSubscribeForClient() && top.allowPublishForClient() && top.presence()
                && top.allowRecovery()).isTrue();
    }

    @Test
    void flagBeatsEnvBeatsFileBeatsDefault() throws Exception {
        Path f = file("weft.yaml", """
                port: 9001
                client_channel_limit: 10
                channel_max_length: 100
                api_key: from-file
                history_ttl: 60s
                """);
        Map<String, String> env = Map.of("WEFT_PORT", "9002", "WEFT_CLIENT_CHANNEL_LIMIT", "20", "WEFT_API_KEY", "from-env");
        GatewayConfig c = load(f, env, "--port", "9003");
        assertThat(c.port()).as("flag over env and file").isEqualTo(9003);
        assertThat(c.clientChannelLimit()).as("env over file").isEqualTo(20);
        assertThat(c.apiKey()).contains("from-env");
        assertThat(c.channelMaxLength()).as("file over default").isEqualTo(100);
        assertThat(c.channels().defaults().historyTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.clientUserConnectionLimit()).as("default").isZero();
    }

    @Test
    void jsonFileWithNamespacesAndDurations() throws Exception {
        Path f = file("weft.json", """
                {"token_hmac_secret_key": "%s", "client_stale_close_delay": "5m30s", "ping_interval": 30,
                 "allow_anonymous_connect_without_token": true,
                 "namespaces": [
                   {"name": "chat", "history_size": 10, "history_ttl": "1h", "force_recovery": true,
                    "allow_subscribe_for_client": true, "join_leave": true},
                   {"name": "feed", "presence": true}
                 ]}
                """.formatted(SECRET));
        GatewayConfig c = load(f, Map.of());
        assertThat(c.tokenHmacSecretKey()).isPresent();
        assertThat(c.clientStaleCloseDelay()).isEqualTo(Duration.ofSeconds(330));
        assertThat(c.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.allowAnonymousConnectWithoutToken()).isTrue();
        ChannelOptions chat = c.channels().optionsFor(ChannelName.parse("chat:room")).orElseThrow();
        assertThat(chat.historySize()).isEqualTo(10);
        assertThat(chat.historyTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(chat.forceRecovery() && chat.allowSubscribeForClient() && chat.joinLeave()).isTrue();
        assertThat(chat.allowPublishForClient()).as("namespaces start from everything off").isFalse();
        ChannelOptions feed = c.channels().optionsFor(ChannelName.parse("feed:x")).orElseThrow();
        assertThat(feed.presence()).isTrue();
        assertThat(feed.hasHistory()).isFalse();
        assertThat(c.channels().optionsFor(ChannelName.parse("other:x"))).isEmpty();
    }

    @Test
    void yamlNamespacesAndEnvNamespacesAsJson() throws Exception {
        Path f = file("weft.yml", """
                namespaces:
                  - name: chat
                    allow_history_for_subscriber: true
                    history_size: 5
                    history_ttl: 10m
                """);
        ChannelOptions chat = load(f, Map.of()).channels().optionsFor(ChannelName.parse("chat:a")).orElseThrow();
        assertThat(chat.allowRecovery()).as("recovery follows history access").isTrue();
        GatewayConfig fromEnv = load(f, Map.of("WEFT_NAMESPACES", "[{\"name\":\"news\",\"presence\":true}]"));
        assertThat(fromEnv.channels().namespaces()).containsOnlyKeys("news");
    }

    @Test
    void legacyHmacEnvAndBooleanFlagWithoutValue() throws Exception {
        GatewayConfig c = load(null, Map.of("WEFT_TOKEN_HMAC_SECRET", SECRET, "WEFT_JVM_DIRS", "/opt/jdk"),
                "--allow_anonymous_connect_without_token", "--history_size=7", "--io=nio", "--workers=3");
        assertThat(new String(c.tokenHmacSecretKey().orElseThrow())).isEqualTo(SECRET);
        assertThat(c.allowAnonymousConnectWithoutToken()).isTrue();
        assertThat(c.channels().defaults().historySize()).isEqualTo(7);
        assertThat(c.io()).isEqualTo("nio");
        assertThat(c.workers()).isEqualTo(3);
    }

    @Test
    void unknownKeysAreRejectedWithASuggestion() throws Exception {
        assertThat(badFileMessage("a.yaml", "histroy_size: 3\n"))
                .isEqualTo(dir.resolve("a.yaml") + ": histroy_size: unknown key (did you mean \"history_size\"?)");
        assertThat(badFileMessage("b.yaml", "completely_different: 1\n"))
                .isEqualTo(dir.resolve("b.yaml") + ": completely_different: unknown key");
        assertThat(badFileMessage("c.yaml", "engine: redis\n"))
                .isEqualTo(dir.resolve("c.yaml") + ": engine: Centrifugo option not supported by Weft");
        assertThat(badFileMessage("d.yaml", "namespaces:\n  - name: chat\n    presense: true\n"))
                .isEqualTo(dir.resolve("d.yaml") + ": namespaces[chat].presense: unknown key (did you mean \"presence\"?)");
        assertThatThrownBy(() -> load(null, Map.of("WEFT_HISTROY_SIZE", "3")))
                .hasMessage("env WEFT_HISTROY_SIZE: histroy_size: unknown key (did you mean WEFT_HISTORY_SIZE?)");
        assertThatThrownBy(() -> load(null, Map.of(), "--bogus"))
                .hasMessage("command line: --bogus: Unknown option: '--bogus'");
    }

    @Test
    void wrongTypesAndRangesNameSourceAndKey() throws Exception {
        assertThat(badFileMessage("e.yaml", "port: [1]\n"))
                .isEqualTo(dir.resolve("e.yaml") + ": port: wrong type: expected an integer, got a list");
        assertThat(badFileMessage("f.json", "{\"presence\": \"yes\"}"))
                .isEqualTo(dir.resolve("f.json") + ": presence: wrong type: expected true or false, got \"yes\"");
        assertThatThrownBy(() -> load(null, Map.of("WEFT_PORT", "abc")))
                .hasMessage("env WEFT_PORT: port: wrong type: expected an integer, got \"abc\"");
        assertThatThrownBy(() -> load(null, Map.of(), "--port", "70000"))
                .hasMessage("flag --port: port: out of range: 70000 (must be 0..65535)");
        assertThatThrownBy(() -> load(null, Map.of(), "--client_channel_limit", "0"))
                .hasMessage("flag --client_channel_limit: client_channel_limit: out of range: 0 (must be 1..2147483647)");
        assertThatThrownBy(() -> load(null, Map.of("WEFT_PONG_TIMEOUT", "30s")))
                .hasMessage("env WEFT_PONG_TIMEOUT: pong_timeout: out of range: must be positive and at most ping_interval (PT25S)");
        assertThatThrownBy(() -> load(null, Map.of("WEFT_IO", "kqueue")))
                .hasMessage("env WEFT_IO: io: must be one of auto, io_uring, epoll, nio, got \"kqueue\"");
    }

    @Test
    void unparsableDurationsAreRejected() throws Exception {
        assertThatThrownBy(() -> load(null, Map.of("WEFT_CLIENT_STALE_CLOSE_DELAY", "10 seconds")))
                .hasMessage("env WEFT_CLIENT_STALE_CLOSE_DELAY: client_stale_close_delay: unparsable duration "
                        + "\"10 seconds\" (write it as 300s, 5m30s, 1h, 250ms or integer seconds)");
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("5m30s")).isEqualTo(Duration.ofSeconds(330));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("300")).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void badNamespacesAreRejected() throws Exception {
        assertThat(badFileMessage("g.yaml", "namespaces:\n  - name: x\n"))
                .isEqualTo(dir.resolve("g.yaml") + ": namespaces[0].name: invalid namespace name \"x\": "
                        + "at least 2 characters of letters, digits, '-', '_' or '.'");
        assertThat(badFileMessage("h.yaml", "namespaces:\n  - name: chat\n  - name: chat\n"))
                .isEqualTo(dir.resolve("h.yaml") + ": namespaces[1].name: duplicate namespace name \"chat\"");
        assertThat(badFileMessage("i.yaml", "namespaces:\n  - presence: true\n"))
                .isEqualTo(dir.resolve("i.yaml") + ": namespaces[0].name: missing: every namespace needs a name");
        assertThat(badFileMessage("j.yaml", "namespaces:\n  - name: chat\n    force_recovery: true\n"))
                .isEqualTo(dir.resolve("j.yaml") + ": namespaces[chat]: force_recovery and allow_recovery need history_size and history_ttl");
    }

    @Test
    void shortHmacSecretAndBadPemAreRejected() throws Exception {
        assertThatThrownBy(() -> load(null, Map.of("WEFT_TOKEN_HMAC_SECRET", "short")))
                .hasMessage("env WEFT_TOKEN_HMAC_SECRET: token_hmac_secret_key: too short: 5 bytes, at least 32 needed (HS256 wants 256 bits)");
        assertThat(badFileMessage("k.yaml", "token_rsa_public_key: not a key\n"))
                .isEqualTo(dir.resolve("k.yaml") + ": token_rsa_public_key: not a PEM public key "
                        + "(expected -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)");
        assertThat(badFileMessage("l.yaml", "token_ecdsa_public_key: |\n  -----BEGIN PUBLIC KEY-----\n  AAAA\n  -----END PUBLIC KEY-----\n"))
                .isEqualTo(dir.resolve("l.yaml") + ": token_ecdsa_public_key: PEM does not hold an EC public key");
    }

    @Test
    void rsaPemParses() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(g.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        GatewayConfig c = load(null, Map.of("WEFT_TOKEN_RSA_PUBLIC_KEY", pem));
        assertThat(c.tokenRsaPublicKey()).isPresent();
        assertThat(c.hasTokenKey()).isTrue();
    }

    @Test
    void helpPrintsUsage() throws Exception {
        GatewayCommandLine.Parsed p = GatewayCommandLine.parse(new String[] {"--help"}, Map.of());
        assertThat(p).isInstanceOf(GatewayCommandLine.Help.class);
        String usage = ((GatewayCommandLine.Help) p).usage();
        assertThat(usage).startsWith("Usage: weft gateway [OPTIONS]")
                .contains("--config=FILE").contains("--port=N").contains("WEFT_PORT; default 8000")
                .contains("--client_stale_close_delay=DURATION");
        assertThat(Optional.of(usage)).isPresent();
    }
}
