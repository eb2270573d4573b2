package io.caimei.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The soak's summary and its samples every 5 s, written as {@code soak-report.md} and {@code soak-report.json}. */
final class SoakReport {

    private static final List<String> COLUMNS = List.of("t", "phase", "accepted", "rejected", "requests", "p50ms",
            "p99ms", "scorerLag", "rankingLag");

    private final int seconds;
    private final List<String> services;
    private final List<Map<String, Object>> samples;
    private final Map<String, Object> summary = new LinkedHashMap<>();

    SoakReport(SoakCapacity capacity, int rate, boolean rateGiven, int seconds, List<String> services,
            List<Map<String, Object>> samples) {
        this.seconds = seconds;
        this.services = services;
        this.samples = new ArrayList<>(samples);
        summary.put("targetRate", rate);
        summary.put("rateFrom", rateGiven ? "-Dcaimei.soak.rate" : "ceil(share × capacity / 0.98)");
        summary.put("capacity", Math.round(capacity.eventsPerSecond()));
        summary.put("capacitySource", capacity.source());
        summary.put("rateShareOfCapacity", Math.round(1000.0 * rate / capacity.eventsPerSecond()) / 1000.0);
        summary.put("seconds", seconds);
    }

    void put(String key, Object value) {
        summary.put(key, value);
    }

    /** Request latency over the whole stream, in microseconds as measured. */
    void latencies(List<Long> micros) {
        List<Long> sorted;
        synchronized (micros) {
            sorted = new ArrayList<>(micros);
        }
        sorted.sort(null);
        summary.put("latencyP50ms", percentileMs(sorted, 0.50));
        summary.put("latencyP99ms", percentileMs(sorted, 0.99));
        summary.put("latencyMaxMs", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0);
        summary.put("maxScorerLag", max(s -> true, "scorerLag"));
        summary.put("maxRankingLag", max(s -> true, "rankingLag"));
        summary.put("maxScorerLagLastThird", max(this::inLastThird, "scorerLag"));
        summary.put("maxRankingLagLastThird", max(this::inLastThird, "rankingLag"));
    }

    /** Live heap a third into the stream and after it, the bound, and RSS in the first and last third. */
    void heaps(Map<String, Long> start, Map<String, Long> end, double growth, long slackMiB) {
        summary.put("liveHeapBound", "after ≤ " + growth + " × start + " + slackMiB + " MiB");
        for (String m : services) {
            summary.put("liveHeapMiB." + m, start.get(m) + " → " + end.get(m));
            summary.put("maxRssMiB." + m, max(this::inFirstThird, "rssMiB." + m) + " → "
                    + max(this::inLastThird, "rssMiB." + m));
        }
    }

    /**
     * Redis' used memory at the first and the last sample and its growth per accepted record: it grows by design,
     * as ingest keeps every event id for its dedupe window (24 h), about 240 bytes each.
     */
    void redis(long accepted) {
        long first = samples.isEmpty() || !(samples.get(0).get("redisMiB") instanceof Long l) ? -1 : l;
        long last = max(s -> s == samples.get(samples.size() - 1), "redisMiB");
        summary.put("redisMiB", first + " → " + last);
        summary.put("redisBytesPerAcceptedRecord", accepted == 0 || first < 0 || last < 0 ? -1
                : Math.round((last - first) * 1024.0 * 1024 / accepted));
    }

    List<Map<String, Object>> lastThirdOfStream() {
        return samples.stream().filter(this::inLastThird).toList();
    }

    /** Writes both files into {@code dir} and returns the Markdown one. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("soak-report.json"), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(Map.of("summary", summary, "samples", samples)));
        StringBuilder md = new StringBuilder("# Soak report\n\n");
        summary.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nLive heap: in use right after a full GC forced with jcmd, a third into the stream and after the ")
                .append("drain. RSS: the largest sample in the stream's first and last third.\n\n|");
        COLUMNS.forEach(c -> md.append(' ').append(c).append(" |"));
        services.forEach(m -> md.append(' ').append(m).append(" RSS MiB |"));
        md.append(" Redis MiB |\n|").append("---|".repeat(COLUMNS.size() + services.size() + 1)).append('\n');
        for (Map<String, Object> s : samples) {
            md.append('|');
            COLUMNS.forEach(c -> md.append(' ').append(s.get(c)).append(" |"));
            services.forEach(m -> md.append(' ').append(s.get("rssMiB." + m)).append(" |"));
            md.append(' ').append(s.get("redisMiB")).append(" |\n");
        }
        Path file = dir.resolve("soak-report.md");
        Files.writeString(file, md);
        return file;
    }

    /** One sample on one line, for the console of a long run. */
    static String line(Map<String, Object> s, List<String> services) {
        StringBuilder b = new StringBuilder();
        COLUMNS.forEach(c -> b.append(c).append('=').append(s.get(c)).append(' '));
        services.forEach(m -> b.append(m).append('=').append(s.get("rssMiB." + m)).append("MiB "));
        if (s.containsKey("error")) {
            b.append("error=").append(s.get("error"));
        }
        return b.toString().trim();
    }

    /** The q-quantile of sorted microseconds, in milliseconds. */
    static double percentileMs(List<Long> sortedMicros, double q) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        return sortedMicros.get(Math.min(sortedMicros.size() - 1, (int) (sortedMicros.size() * q))) / 1000.0;
    }

    private boolean inFirstThird(Map<String, Object> s) {
        return "stream".equals(s.get("phase")) && (double) s.get("t") <= seconds / 3.0;
    }

    private boolean inLastThird(Map<String, Object> s) {
        return "stream".equals(s.get("phase")) && (double) s.get("t") >= seconds * 2 / 3.0;
    }

    private long max(Predicate<Map<String, Object>> which, String key) {
        return samples.stream().filter(which).mapToLong(s -> s.get(key) instanceof Long l ? l : -1).max()
                .orElse(-1);
    }
}
