package dev.weft.bench.harness;

import java.util.Locale;

/** One readable line per finished cell, for the console. */
final class CellLine {

    private CellLine() {}

    static String of(Cell c) {
        String head = String.format(Locale.ROOT, "%-7s %-15s %8s conns (%d/%d)", c.scenario(), c.server(),
                TargetCheck.label(c.connections()), c.serverProcesses(), c.generators());
        if (!c.isOk()) {
            return head + "  FAILED: " + c.error();
        }
        return head + switch (c) {
            case Cell.Echo e -> String.format(Locale.ROOT,
                    "  %,10.0f msgs/s  server %,7.0f ns/msg  p50 %,9.0f us  p99 %,10.0f us  rss %,5.0f MiB  gen %.2f  other %.2f  errors %d",
                    e.messagesPerSecond(), e.serverCpuNanosPerMessage(), e.p50Micros(), e.p99Micros(),
                    e.serverRssBytes() / 1048576.0, e.generatorCores(), e.otherCores(), e.errors());
            case Cell.Connect k -> String.format(Locale.ROOT, "  %,10.0f conns/s  server %,7.0f ns/conn  p99 %,9.0f us  errors %d",
                    k.connectsPerSecond(), k.serverCpuNanosPerConnect(), k.p99Micros(), k.connectErrors());
            case Cell.Idle i -> String.format(Locale.ROOT, "  %,d open  RSS %,7.0f B/conn  heap %,7.0f B/conn  errors %d",
                    i.open(), i.rssBytesPerConnection(), i.heapBytesPerConnection(), i.connectErrors());
        };
    }
}
