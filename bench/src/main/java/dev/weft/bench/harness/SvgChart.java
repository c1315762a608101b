package dev.weft.bench.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart as inline SVG, no script and nothing fetched: one line per series over
 * categorical x values (connection counts, evenly spaced), a linear y axis from 0, a legend
 * naming each series. Missing points (NaN) break the line. Every series is a {@code <g
 * class="series" data-series="name">} so a test (or a reader's tools) can find it by name.
 */
final class SvgChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 340;
    private static final int LEFT = 80;
    private static final int RIGHT = 180;
    private static final int TOP = 36;
    private static final int BOTTOM = 48;

    private final String title;
    private final String yLabel;
    private final List<String> xLabels;
    private final Map<String, double[]> series = new LinkedHashMap<>();

    SvgChart(String title, String yLabel, List<String> xLabels) {
        this.title = title;
        this.yLabel = yLabel;
        this.xLabels = List.copyOf(xLabels);
    }

    /** Adds a line; {@code values} has one entry per x label, NaN where there is none. */
    SvgChart series(String name, double[] values) {
        if (values.length != xLabels.size()) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + xLabels.size() + " x labels");
        }
        series.put(name, values.clone());
        return this;
    }

    boolean isEmpty() {
        return series.values().stream().allMatch(v -> java.util.Arrays.stream(v).allMatch(Double::isNaN));
    }

    String svg() {
        double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream)
                .filter(v -> !Double.isNaN(v)).max().orElse(1);
        double top = niceCeiling(max <= 0 ? 1 : max * 1.05);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT,
                Html.escape(title)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                LEFT, Html.escape(title)));
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            double y = TOP + plotH - plotH * (double) i / 4;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
                    LEFT, y, LEFT + plotW, y, LEFT - 6, y + 4, tick(v)));
        }
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%d) rotate(-90)\" font-size=\"12\" "
                + "text-anchor=\"middle\">%s</text>%n", TOP + plotH / 2, Html.escape(yLabel)));
        for (int i = 0; i < xLabels.size(); i++) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>%n",
                    x(i, plotW), TOP + plotH + 18, Html.escape(xLabels.get(i))));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">connections</text>%n",
                LEFT + plotW / 2, HEIGHT - 8));
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            String colour = COLOURS[k % COLOURS.length];
            s.append(String.format(Locale.ROOT, "<g class=\"series\" data-series=\"%s\">%n", Html.escape(e.getKey())));
            StringBuilder path = new StringBuilder();
            double[] v = e.getValue();
            boolean pen = false;
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    pen = false;
                    continue;
                }
                double px = x(i, plotW);
                double py = TOP + plotH - plotH * v[i] / top;
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                pen = true;
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                        + "<title>%s at %s: %s</title></circle>%n", px, py, colour, Html.escape(e.getKey()),
                        Html.escape(xLabels.get(i)), tick(v[i])));
            }
            if (!path.isEmpty()) {
                s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                        path.toString().trim(), colour));
            }
            double ly = TOP + 14 + 18 * k;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text class=\"legend\" x=\"%d\" y=\"%.1f\" font-size=\"12\">%s</text>%n",
                    LEFT + plotW + 16, ly - 10, colour, LEFT + plotW + 34, ly, Html.escape(e.getKey())));
            s.append("</g>\n");
            k++;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private double x(int i, int plotW) {
        return xLabels.size() == 1 ? LEFT + plotW / 2.0 : LEFT + 20 + (plotW - 40) * (double) i / (xLabels.size() - 1);
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code v}. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String tick(double v) {
        if (Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (Math.abs(v) >= 1e4) {
            double k = v / 1e3;
            return String.format(Locale.ROOT, k == Math.rint(k) ? "%.0fk" : "%.1fk", k);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 || v == Math.rint(v) ? "%,.0f" : "%.1f", v);
    }
}
