package dev.weft.bench.harness;

import dev.weft.bench.loadgen.EchoLoadResult;

/**
 * One measured run: a server, a message size, a round.
 *
 * @param server the server's name, e.g. {@code netty-epoll}
 * @param messageBytes bytes per message
 * @param round the round, from 1
 * @param attempt which attempt of that run this is, from 1 (see {@code --retries})
 * @param result what the generator measured, or null when the run failed
 * @param error why it failed, or null
 * @param serverStoppedCleanly whether the server exited on SIGTERM alone
 */
record RunRecord(String server, int messageBytes, int round, int attempt, EchoLoadResult result, String error,
                 boolean serverStoppedCleanly) {

    boolean isOk() {
        return result != null;
    }
}
