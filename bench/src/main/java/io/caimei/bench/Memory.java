package io.caimei.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Redis memory per million (entity, period) aggregates shaped like the scorer's, under scratch keys. */
final class Memory {

    private static final String[] FIELDS = { "E1", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12" };
    private static final int USERS_PER_HLL = 20;
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
        s.notes.add("Each scratch aggregate is what the scorer keeps per (entity, period): a hash with E1, E3…E12 "
                + "(small integers) and `t`, a HyperLogLog of " + USERS_PER_HLL + " distinct users, both with the "
                + "scorer's 400-day TTL, and the entity's member in the partition's period index set; keys are "
                + "spread over 6 `{pN}` tags like the scorer's. Measured as the `INFO memory` `used_memory` delta "
                + "(allocator overhead included; other clients writing at the same time add noise) and as the sum "
                + "of `MEMORY USAGE` of the keys (exact per key, no noise). Keys are removed with SCAN + UNLINK.");
        s.commands.add("# " + n + " × (HSET agg E1 … E12 t CONTENT; PFADD hll u1 … u" + USERS_PER_HLL
                + "; EXPIRE … 34560000; SADD idx CONTENT|id), pipelined; INFO memory before/after; MEMORY USAGE …");
        Random rnd = new Random(42);
        try (Resp redis = c.redis()) {
            Ctx.sleep(500);
            long before = Long.parseLong(redis.info("memory", "used_memory"));
            long t0 = System.nanoTime();
            int chunk = 1000;
            for (int from = 0; from < n; from += chunk) {
                List<String[]> cmds = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + chunk); i++) {
                    String tag = "{p" + (i % 6) + "}";
                    String id = "bench-c" + i;
                    String agg = c.scratch + tag + ":agg:" + id + ":" + period;
                    String hll = c.scratch + tag + ":hll:E2:" + id + ":" + period;
                    String[] hset = new String[2 + FIELDS.length * 2 + 2];
                    hset[0] = "HSET";
                    hset[1] = agg;
                    int k = 2;
                    for (String f : FIELDS) {
                        hset[k++] = f;
                        hset[k++] = Integer.toString(1 + rnd.nextInt(50));
                    }
                    hset[k++] = "t";
                    hset[k] = "CONTENT";
                    cmds.add(hset);
                    String[] pfadd = new String[2 + USERS_PER_HLL];
                    pfadd[0] = "PFADD";
                    pfadd[1] = hll;
                    for (int u = 0; u < USERS_PER_HLL; u++) {
                        pfadd[2 + u] = "u" + rnd.nextInt(10_000_000);
                    }
                    cmds.add(pfadd);
                    cmds.add(new String[] { "EXPIRE", agg, Long.toString(TTL_SECONDS) });
                    cmds.add(new String[] { "EXPIRE", hll, Long.toString(TTL_SECONDS) });
                    cmds.add(new String[] { "SADD", c.scratch + tag + ":idx:" + period, "CONTENT|" + id });
                }
                redis.pipeline(cmds);
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            Ctx.sleep(500);
            long after = Long.parseLong(redis.info("memory", "used_memory"));
            // exact accounting of the keys: a sample of hashes and HLLs plus the (shared) index sets in full
            int sample = Math.min(n, 2000);
            List<String[]> usage = new ArrayList<>();
            for (int i = 0; i < sample; i++) {
                String tag = "{p" + (i % 6) + "}";
                usage.add(new String[] { "MEMORY", "USAGE", c.scratch + tag + ":agg:bench-c" + i + ":" + period,
                        "SAMPLES", "0" });
                usage.add(new String[] { "MEMORY", "USAGE", c.scratch + tag + ":hll:E2:bench-c" + i + ":" + period,
                        "SAMPLES", "0" });
            }
            for (int p = 0; p < 6; p++) {
                usage.add(new String[] { "MEMORY", "USAGE", c.scratch + "{p" + p + "}:idx:" + period, "SAMPLES",
                        "0" });
            }
            List<Object> u = redis.pipeline(usage);
            long hashes = 0;
            long hlls = 0;
            long sets = 0;
            for (int i = 0; i < sample; i++) {
                hashes += (Long) u.get(2 * i);
                hlls += (Long) u.get(2 * i + 1);
            }
            for (int p = 0; p < 6; p++) {
                Object v = u.get(2 * sample + p);
                sets += v == null ? 0 : (Long) v;
            }
            double perAggKeys = (double) (hashes + hlls) / sample + (double) sets / n;
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
                    String.format(Locale.ROOT, "per aggregate: hash %.0f B + HLL %.0f B + index-set "
                            + "share %.0f B (sample of %,d)", (double) hashes / sample, (double) hlls / sample,
                            (double) sets / n, sample),
                    null));
        } finally {
            try (Resp redis = c.redis()) {
                long removed = redis.unlinkMatching(c.scratch + "*");
                System.out.println("[bench] memory: removed " + removed + " scratch keys");
            }
        }
    }
}
