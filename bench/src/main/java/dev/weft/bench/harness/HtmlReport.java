package dev.weft.bench.harness;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The table run as one self-contained HTML page: inline SVG charts (throughput, CPU per
 * message, latency percentiles, memory per idle connection, connect rate, each against the
 * connection count, one line per server), then the same tables as the Markdown, the targets,
 * and the notes. Nothing is loaded from the network and no script runs.
 */
final class HtmlReport {

    private HtmlReport() {}

    static String render(TableReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(r.title())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1em}th,td{border:1px solid #ccc;padding:4px 8px}")
                .append("td{text-align:right;font-variant-numeric:tabular-nums}thead th{background:#f3f3f3}")
                .append("pre{background:#f6f6f6;padding:8px;overflow-x:auto}.note{color:#555;font-size:90%}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:12px}.met{color:#1a7f37}.missed{color:#c62828}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Html.escape(r.title())).append("</h1>\n<p>").append(Html.escape(r.startedAt()))
                .append("</p>\n<pre>").append(Html.escape(r.command())).append("</pre>\n<p>")
                .append(Html.escape(r.machineLine())).append("</p>\n<p>").append(Html.escape(r.processLine()))
                .append("</p>\n");
        h.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        List<String> x = r.connectionCounts().stream().map(TargetCheck::label).toList();
        chart(h, r, x, "Echo throughput", "messages/s", "echo", c -> ((Cell.Echo) c).messagesPerSecond());
        chart(h, r, x, "Echo server CPU per message", "ns/message", "echo", c -> ((Cell.Echo) c).serverCpuNanosPerMessage());
        chart(h, r, x, "Echo latency p50", "µs", "echo", c -> ((Cell.Echo) c).p50Micros());
        chart(h, r, x, "Echo latency p99", "µs", "echo", c -> ((Cell.Echo) c).p99Micros());
        chart(h, r, x, "Memory per idle connection (RSS)", "bytes", "idle", c -> ((Cell.Idle) c).rssBytesPerConnection());
        chart(h, r, x, "Live heap per idle connection", "bytes", "idle", c -> ((Cell.Idle) c).heapBytesPerConnection());
        chart(h, r, x, "Connection rate", "connections/s", "connect", c -> ((Cell.Connect) c).connectsPerSecond());
        h.append("</div>\n<h2>Tables</h2>\n");
        for (TableGrid g : r.grids()) {
            h.append(g.html());
        }
        h.append("<h2>Targets</h2>\n<ul class=\"targets\">\n");
        for (TargetCheck t : r.targets()) {
            h.append("<li>").append(Html.escape(t.target())).append(": <strong class=\"")
                    .append(t.verdict().equals("met") ? "met" : t.verdict().equals("not measured") ? "" : "missed")
                    .append("\">").append(Html.escape(t.verdict())).append("</strong>")
                    .append(t.measured().isEmpty() ? "" : " (" + Html.escape(t.measured()) + ")").append("</li>\n");
        }
        h.append("</ul>\n<p class=\"note\">").append(Html.escape(r.perfLine())).append("</p>\n");
        List<Cell> failed = r.cells().stream().filter(c -> !c.isOk()).toList();
        if (!failed.isEmpty()) {
            h.append("<h2>Failed cells</h2>\n<ul>\n");
            failed.forEach(c -> h.append("<li>").append(Html.escape(c.scenario() + " " + c.server() + " "
                    + TargetCheck.label(c.connections()) + ": " + c.error())).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void chart(StringBuilder h, TableReport r, List<String> x, String title, String unit,
                              String scenario, ToDoubleFunction<Cell> value) {
        SvgChart chart = new SvgChart(title, unit, x);
        for (String server : r.servers()) {
            chart.series(server, r.series(scenario, server, value));
        }
        if (!chart.isEmpty()) {
            h.append(chart.svg());
        }
    }
}
