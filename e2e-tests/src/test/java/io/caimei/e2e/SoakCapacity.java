package io.caimei.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The end-to-end capacity the bench measured ({@code ./caimei bench}, row {@code e2e.accepted}: events per second
 * sustained ingest → scoring → ranking) and where the figure came from; the soak runs at a share of it.
 * The bench's machine-readable {@code bench/results.json} when present, else the table in {@code BENCHMARKS.md}.
 */
record SoakCapacity(double eventsPerSecond, String source) {

    private static final String ROW = "e2e.accepted";
    private static final Pattern MARKDOWN_ROW = Pattern
            .compile("\\| End to end: accepted at a fixed offered rate \\| ([0-9,.]+) \\| events/s");

    /** The latest figure in the repository at {@code root}, or an exception naming both places looked at. */
    static SoakCapacity measured(Path root) throws IOException {
        Path json = root.resolve("bench/results.json");
        if (Files.exists(json)) {
            SoakCapacity c = fromJson(json);
            if (c != null) {
                return c;
            }
        }
        Path md = root.resolve("BENCHMARKS.md");
        if (Files.exists(md)) {
            Matcher m = MARKDOWN_ROW.matcher(Files.readString(md));
            if (m.find()) {
                return new SoakCapacity(Double.parseDouble(m.group(1).replace(",", "")), "BENCHMARKS.md §2b");
            }
        }
        throw new IllegalStateException("no end-to-end capacity in " + json + " or " + md
                + ": run ./caimei bench, or give the rate with -Dcaimei.soak.rate");
    }

    /** {@code ceil(share × capacity)} events per second. */
    int rate(double share) {
        return (int) Math.ceil(share * eventsPerSecond);
    }

    private static SoakCapacity fromJson(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        for (JsonNode section : root.path("sections")) {
            for (JsonNode row : section.path("rows")) {
                if (ROW.equals(row.path("id").asText()) && row.path("value").isNumber()) {
                    JsonNode machine = root.path("machine");
                    int cores = machine.path("nproc").asInt();
                    int here = Runtime.getRuntime().availableProcessors();
                    String where = cores == here ? "same core count as this machine"
                            : "ANOTHER machine: " + cores + " cores there, " + here + " here";
                    return new SoakCapacity(row.path("value").asDouble(), String.format(Locale.ROOT,
                            "bench/results.json (run %s of %s, %d × %s; %s)", root.path("runId").asText(),
                            machine.path("date (UTC)").asText(), cores, machine.path("CPU").asText(), where));
                }
            }
        }
        return null;
    }
}
