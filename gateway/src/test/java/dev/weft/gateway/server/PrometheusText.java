package dev.weft.gateway.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed Prometheus text exposition (format 0.0.4): every sample with its labels, and the
 * declared type of every metric family. Rejects lines it cannot read, so a malformed
 * scrape fails the test instead of hiding a series.
 */
record PrometheusText(List<Sample> samples, Map<String, String> types) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring("# TYPE ".length()).split(" ");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("bad TYPE line: " + line);
                }
                types.put(parts[0], parts[1]);
                continue;
            }
            if (line.startsWith("#")) {
                throw new IllegalArgumentException("unexpected comment: " + line);
            }
            samples.add(sample(line));
        }
        return new PrometheusText(samples, types);
    }

    /** {@code name{k="v",...} value}; label values here hold no escaped quotes or commas. */
    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("no value: " + line);
        }
        Map<String, String> labels = new TreeMap<>();
        String name;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int close = line.lastIndexOf('}');
            String inner = line.substring(brace + 1, close);
            for (String pair : inner.isEmpty() ? new String[0] : inner.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 0 || !pair.endsWith("\"") || pair.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("bad label '" + pair + "' in: " + line);
                }
                labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
            }
        } else {
            name = line.substring(0, space);
        }
        return new Sample(name, labels, Double.parseDouble(line.substring(space + 1)));
    }

    /** The value of the one sample with this name and exactly these labels ({@code k, v, k, v, ...}). */
    double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + name + labels + ", found " + found.size());
        }
        return found.get(0).value();
    }

    /** Every sample of {@code name}, whatever its labels. */
    List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
}
