package io.caimei.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Redis memory per million (entity, period) aggregates shaped like the scorer's, under scratch keys. */
final class Memory {

    /** The scorer's apply script, relative to the repository root. */
    private static final String SCRIPT = "scoring-service/src/main/resources/lua/apply-batch.lua";
    /** Stored slots of E1, E3…E12 (AggregateValue: slot = indicator ordinal + 1). */
    private static final int[] SLOTS = { 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    private static final int USERS_PER_HLL = 20;
    private static final int TAGS = 6;
    private static final int BATCH = 500;
    private static final long TTL_SECONDS = 400L * 24 * 3600;

    private final Ctx c;
    private final Results.Section s;

    Memory(Ctx c) {
        this.c = c;
        this.s = c.results.section("memory", "4. Redis memory per million aggregates");
    }

    void run() throws Exception {
        int n = c.o.memoryAggregates;
        String period = c.day.toString();
        String script = Files.readString(c.o.root.resolve(SCRIPT));
        s.notes.add("Each scratch aggregate is written by the scorer's own apply script (`" + SCRIPT + "`, read from "
                + "the checkout, so the figure follows the layout the scorer really writes): one batch per 500 "
                + "aggregates carrying E1, E3…E12 (small integers) and " + USERS_PER_HLL + " distinct E1 users for "
                + "E2, " + TAGS + " `{pN}` tags like the scorer's partitions, the scorer's 400-day TTL. Measured as "
                + "the `INFO memory` `used_memory` delta (allocator overhead included; other clients writing at the "
                + "same time add noise) and as `MEMORY USAGE` of the period hashes (exact, every key, no noise). "
                + "Keys are removed with SCAN + UNLINK.");
        s.commands.add("# " + n + " aggregates × (E1 … E12, " + USERS_PER_HLL + " users) through EVAL " + SCRIPT
                + ", " + BATCH + " per call; INFO memory before/after; MEMORY USAGE … SAMPLES 0");
        Random rnd = new Random(42);
        try (Resp redis = c.redis()) {
            Ctx.sleep(500);
            long before = Long.parseLong(redis.info("memory", "used_memory"));
            long t0 = System.nanoTime();
            long[] offsets = new long[TAGS];
            for (int from = 0; from < n; from += BATCH) {
                int tag = (from / BATCH) % TAGS;
                String base = c.scratch + "{p" + tag + "}:";
                StringBuilder g = new StringBuilder();
                for (int i = from; i < Math.min(n, from + BATCH); i++) {
                    g.append(g.isEmpty() ? "" : ",").append("[5,\"bench-c").append(i).append("\",\"c\",")
                            .append(SLOTS.length).append(',').append(USERS_PER_HLL).append(",0");
                    for (int slot : SLOTS) {
                        g.append(',').append(slot).append(',').append(1 + rnd.nextInt(50));
                    }
                    for (int u = 0; u < USERS_PER_HLL; u++) {
                        g.append(",\"u").append(rnd.nextInt(10_000_000)).append('"');
                    }
                    g.append(']');
                }
                long first = offsets[tag];
                offsets[tag] += BATCH;
                redis.call("EVAL", script, "5", base + "off", base + "dirty", base + "chts", base + "tmp",
                        base + "a:" + period, Long.toString(first), Long.toString(offsets[tag] - 1), "",
                        "{\"g\":[" + g + "],\"z\":[],\"a\":[],\"e\":[5],\"x\":[]}",
                        Long.toString(TTL_SECONDS), "3600");
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            Ctx.sleep(500);
            long after = Long.parseLong(redis.info("memory", "used_memory"));
            List<String[]> usage = new ArrayList<>();
            for (int p = 0; p < TAGS; p++) {
                usage.add(new String[] { "MEMORY", "USAGE", c.scratch + "{p" + p + "}:a:" + period, "SAMPLES", "0" });
            }
            long hashes = 0;
            for (Object v : redis.pipeline(usage)) {
                hashes += v == null ? 0 : (Long) v;
            }
            double perAggKeys = (double) hashes / n;
            double perAggInfo = (double) (after - before) / n;
            long ram = Machine.memTotalBytes();
            double mib = 1024.0 * 1024.0;
            double perMillionInfo = perAggInfo * 1e6 / mib;
            double perMillionKeys = perAggKeys * 1e6 / mib;
            Double ramMib = ram > 0 ? ram / mib : null;
            String maxmemory = redis.info("memory", "maxmemory");
            c.results.add(s, new Results.Row("memory.per_million.used_memory",
                    "Redis memory per 1 M aggregates (used_memory delta, extrapolated)", perMillionInfo, "MiB",
                    "machine RAM", ramMib, "MiB", Results.ratioOf(perMillionInfo, ramMib),
                    String.format(Locale.ROOT, "%,d aggregates written in %.1f s: %,d → %,d bytes, "
                            + "%.0f bytes per aggregate; Redis maxmemory %s", n, writeSeconds, before, after,
                            perAggInfo, "0".equals(maxmemory) ? "unset" : maxmemory),
                    null));
            c.results.add(s, new Results.Row("memory.per_million.memory_usage",
                    "Redis memory per 1 M aggregates (sum of MEMORY USAGE)", perMillionKeys, "MiB", "machine RAM",
                    ramMib, "MiB", Results.ratioOf(perMillionKeys, ramMib),
                    String.format(Locale.ROOT, "per aggregate: %.0f B, its field in the period's hash (%d hashes)",
                            perAggKeys, TAGS),
                    null));
        } finally {
            try (Resp redis = c.redis()) {
                long removed = redis.unlinkMatching(c.scratch + "*");
                System.out.println("[bench] memory: removed " + removed + " scratch keys");
            }
        }
    }
}
