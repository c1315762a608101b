package dev.weft.bench.harness;

import dev.weft.bench.loadgen.OpenFilesBudget;
import dev.weft.bench.loadgen.SourceAddresses;
import dev.weft.io.linux.OpenFilesLimit;

import java.util.ArrayList;
import java.util.List;

/**
 * How many server and generator processes a cell of {@code connections} runs, and how the
 * connections split over the generators. Every process holds at most its open-file hard limit
 * in sockets (the processes raise their soft limit to it), so beyond about that many
 * connections the load is spread: SO_REUSEPORT over P servers, and G generators, each with its
 * own range of source addresses. The kernel spreads connections over the servers by a hash, not
 * evenly, so a process is planned for only {@link #FILL} of its room.
 *
 * @param servers server processes sharing the port (P)
 * @param generators generator processes (G)
 * @param perGenerator connections of each generator, summing to the cell's count
 * @param sources each generator's source addresses, disjoint
 */
record ProcessPlan(int servers, int generators, List<Integer> perGenerator, List<SourceAddresses> sources) {

    /** Share of a process's descriptor room the plan fills. */
    static final double FILL = 0.9;

    /**
     * The plan for {@code connections} under {@code limit}; {@code servers} or {@code generators}
     * above 0 are taken as given (and checked), 0 means choose.
     */
    static ProcessPlan of(int connections, OpenFilesLimit limit, int servers, int generators) {
        long room = (long) (OpenFilesBudget.connectionsPerProcess(new OpenFilesLimit(limit.hard(), limit.hard())) * FILL);
        if (room < 1) {
            throw new IllegalArgumentException("the open-file hard limit (" + limit.hard()
                    + ") leaves no room for connections: raise it (ulimit -Hn, LimitNOFILE=)");
        }
        int p = servers > 0 ? servers : (int) Math.max(1, (connections + room - 1) / room);
        int g = generators > 0 ? generators : (int) Math.max(1, (connections + room - 1) / room);
        check(connections, p, room, "a server process", "--server-processes");
        check(connections, g, room, "a generator process", "--generators");
        List<Integer> split = new ArrayList<>();
        List<SourceAddresses> sources = new ArrayList<>();
        int first = 1;
        for (int i = 0; i < g; i++) {
            int mine = connections / g + (i < connections % g ? 1 : 0);
            split.add(mine);
            SourceAddresses s = new SourceAddresses(first, SourceAddresses.needed(mine));
            sources.add(s);
            first += s.count();
        }
        return new ProcessPlan(p, g, split, sources);
    }

    private static void check(int connections, int processes, long room, String role, String option) {
        long each = (connections + processes - 1) / processes;
        if (each > room) {
            throw new IllegalArgumentException(String.format(
                    "%,d connections over %d processes is %,d per process, but %s holds at most about %,d here "
                            + "(open-file hard limit minus what the JVM keeps, at %.0f%% since SO_REUSEPORT spreads "
                            + "unevenly): use %s %d or more, or raise the hard limit (`ulimit -Hn` as root, `nofile` "
                            + "in /etc/security/limits.conf, LimitNOFILE= in a systemd unit)",
                    connections, processes, each, role, room, FILL * 100, option, (connections + room - 1) / room));
        }
    }
}
