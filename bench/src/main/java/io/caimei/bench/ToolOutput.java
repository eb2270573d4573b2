package io.caimei.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the text the measuring tools print: Prometheus exposition, redis-benchmark, ProducerPerformance. */
public final class ToolOutput {

    private ToolOutput() {
    }

    /**
     * Sum of every sample of a metric in Prometheus text exposition ({@code name} or {@code name{labels}}), or
     * empty when no sample has that exact name. Comments and other metrics (also ones the name is a prefix of)
     * are ignored.
     */
    public static OptionalDouble prometheusSum(String text, String name) {
        double sum = 0;
        boolean found = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int i = name.length();
            if (i >= line.length()) {
                continue;
            }
            char next = line.charAt(i);
            if (next == '{') {
                i = endOfLabels(line, i);
                if (i < 0) {
                    continue;
                }
            } else if (next != ' ' && next != '\t') {
                continue;
            }
            String[] rest = line.substring(i).strip().split("\\s+");
            if (rest.length == 0 || rest[0].isEmpty()) {
                continue;
            }
            double v = parsePromValue(rest[0]);
            if (!Double.isNaN(v)) {
                sum += v;
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** Index just after the closing brace of a label set starting at {@code open}, honouring quoted values. */
    private static int endOfLabels(String line, int open) {
        boolean quoted = false;
        for (int j = open + 1; j < line.length(); j++) {
            char c = line.charAt(j);
            if (quoted && c == '\\') {
                j++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return j + 1;
            }
        }
        return -1;
    }

    private static double parsePromValue(String s) {
        switch (s) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
        }
    }

    /** One test line of redis-benchmark: requests per second and latencies in ms (NaN when not printed). */
    public record RedisBenchmarkResult(String test, double rps, double avgMs, double p50Ms, double p99Ms) {
    }

    private static final Pattern QUIET = Pattern.compile(
            "^(.+?): ([0-9.]+) requests per second(?:, p50=([0-9.]+) msec)?\\s*$");

    /**
     * Results of redis-benchmark, from its {@code --csv} output (header
     * {@code "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...})
     * or its {@code -q} lines ({@code ZADD: 294117.62 requests per second, p50=1.063 msec}); progress lines
     * (separated by carriage returns) are skipped.
     */
    public static List<RedisBenchmarkResult> redisBenchmark(String text) {
        List<RedisBenchmarkResult> out = new ArrayList<>();
        List<String> header = null;
        for (String raw : text.split("[\r\n]+")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("\"")) {
                List<String> cells = csvCells(line);
                if (cells.size() >= 2 && cells.get(0).equals("test") && cells.get(1).equals("rps")) {
                    header = cells;
                    continue;
                }
                if (header != null && cells.size() >= 2) {
                    out.add(new RedisBenchmarkResult(cells.get(0), number(cells, header, "rps"),
                            number(cells, header, "avg_latency_ms"), number(cells, header, "p50_latency_ms"),
                            number(cells, header, "p99_latency_ms")));
                }
                continue;
            }
            Matcher m = QUIET.matcher(line);
            if (m.matches() && !line.contains("rps=")) {
                out.add(new RedisBenchmarkResult(m.group(1), Double.parseDouble(m.group(2)), Double.NaN,
                        m.group(3) == null ? Double.NaN : Double.parseDouble(m.group(3)), Double.NaN));
            }
        }
        return out;
    }

    private static double number(List<String> cells, List<String> header, String column) {
        int i = header.indexOf(column);
        if (i < 0 || i >= cells.size()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cells.get(i));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Cells of one CSV line with double-quoted fields ({@code ""} escapes a quote). */
    static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString());
        return cells;
    }

    /** The final summary of Kafka's ProducerPerformance. */
    public record ProducerPerformanceResult(long records, double recordsPerSec, double mbPerSec, double avgMs,
            double maxMs, double p50Ms, double p99Ms) {
    }

    private static final Pattern PP = Pattern.compile(
            "(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency, "
                    + "([0-9.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    /** The final line of ProducerPerformance (the one with percentiles); empty when it did not finish. */
    public static Optional<ProducerPerformanceResult> producerPerformance(String text) {
        ProducerPerformanceResult last = null;
        for (String line : text.split("[\r\n]+")) {
            Matcher m = PP.matcher(line);
            if (m.find()) {
                last = new ProducerPerformanceResult(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                        Double.parseDouble(m.group(5)), Double.parseDouble(m.group(6)),
                        Double.parseDouble(m.group(8)));
            }
        }
        return Optional.ofNullable(last);
    }
}
