package dev.weft.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One of the targets against a table's figures.
 *
 * @param target what is asked, e.g. {@code Weft io_uring CPU/msg <= 0.92x best Netty}
 * @param measured the figures, e.g. {@code 1k: 0.88x (netty-io_uring); 10k: 0.98x}
 * @param verdict {@code met}, {@code missed}, {@code partly met} or {@code not measured}
 */
record TargetCheck(String target, String measured, String verdict) {

    static List<TargetCheck> evaluate(List<Cell> cells, List<Integer> counts) {
        List<TargetCheck> out = new ArrayList<>();
        out.add(ratioTarget(cells, counts, "Weft io_uring CPU/msg <= 0.92x best Netty", 0.92, true));
        out.add(ratioTarget(cells, counts, "Weft io_uring CPU/msg <= 0.8x Weft epoll", 0.8, false));
        out.add(riseTarget(cells, counts));
        out.add(idleTarget(cells, counts));
        return out;
    }

    private static TargetCheck ratioTarget(List<Cell> cells, List<Integer> counts, String target, double bound,
                                           boolean againstNetty) {
        List<String> parts = new ArrayList<>();
        int met = 0;
        int measured = 0;
        for (int n : counts) {
            Optional<Cell.Echo> weft = echo(cells, "weft-io_uring", n);
            Optional<Cell.Echo> other = againstNetty ? bestNetty(cells, n) : echo(cells, "weft-epoll", n);
            if (weft.isEmpty() || other.isEmpty()) {
                continue;
            }
            double r = weft.get().serverCpuNanosPerMessage() / other.get().serverCpuNanosPerMessage();
            measured++;
            met += r <= bound ? 1 : 0;
            parts.add(String.format(Locale.ROOT, "%s: %.2fx%s", label(n), r,
                    againstNetty ? " (" + other.get().server() + ")" : ""));
        }
        return new TargetCheck(target, String.join("; ", parts), verdict(met, measured));
    }

    private static TargetCheck riseTarget(List<Cell> cells, List<Integer> counts) {
        String target = "Weft io_uring CPU/msg rises <= 15% from the smallest to the largest count";
        List<Cell.Echo> series = counts.stream().map(n -> echo(cells, "weft-io_uring", n)).flatMap(Optional::stream).toList();
        if (series.size() < 2) {
            return new TargetCheck(target, "", "not measured");
        }
        Cell.Echo low = series.get(0);
        Cell.Echo high = series.get(series.size() - 1);
        double rise = high.serverCpuNanosPerMessage() / low.serverCpuNanosPerMessage() - 1;
        return new TargetCheck(target, String.format(Locale.ROOT, "%s -> %s: %,.0f -> %,.0f ns/msg, %+.0f%%",
                label(low.connections()), label(high.connections()), low.serverCpuNanosPerMessage(),
                high.serverCpuNanosPerMessage(), rise * 100), rise <= 0.15 ? "met" : "missed");
    }

    private static TargetCheck idleTarget(List<Cell> cells, List<Integer> counts) {
        int largest = counts.get(counts.size() - 1);
        String target = "Weft io_uring memory per idle connection at " + label(largest) + " <= 2 KiB";
        Optional<Cell.Idle> idle = cells.stream().filter(c -> c instanceof Cell.Idle && c.isOk()
                && c.server().equals("weft-io_uring") && c.connections() == largest).map(Cell.Idle.class::cast).findFirst();
        if (idle.isEmpty()) {
            return new TargetCheck(target, "", "not measured");
        }
        Cell.Idle i = idle.get();
        return new TargetCheck(target, String.format(Locale.ROOT, "RSS %,.0f B/conn, live heap %,.0f B/conn (%,d open)",
                i.rssBytesPerConnection(), i.heapBytesPerConnection(), i.open()),
                i.rssBytesPerConnection() <= 2048 ? "met" : "missed");
    }

    private static String verdict(int met, int measured) {
        if (measured == 0) {
            return "not measured";
        }
        return met == measured ? "met" : met == 0 ? "missed" : "partly met";
    }

    static Optional<Cell.Echo> echo(List<Cell> cells, String server, int n) {
        return cells.stream().filter(c -> c instanceof Cell.Echo && c.isOk() && c.server().equals(server)
                && c.connections() == n).map(Cell.Echo.class::cast).findFirst();
    }

    static Optional<Cell.Echo> bestNetty(List<Cell> cells, int n) {
        return cells.stream().filter(c -> c instanceof Cell.Echo && c.isOk() && c.server().startsWith("netty-")
                        && c.connections() == n).map(Cell.Echo.class::cast)
                .min((a, b) -> Double.compare(a.serverCpuNanosPerMessage(), b.serverCpuNanosPerMessage()));
    }

    /** 1000 -> 1k, 100000 -> 100k, 1500 -> 1,500. */
    static String label(int n) {
        return n >= 1000 && n % 1000 == 0 ? (n / 1000) + "k" : String.format(Locale.ROOT, "%,d", n);
    }
}
