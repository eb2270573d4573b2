package io.caimei.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import io.caimei.bench.ToolOutput.RedisBenchmarkResult;

/** Board page and around-me queries at growing board sizes, through the gateway and straight to ranking. */
final class Queries {

    private final Ctx c;
    private final Results.Section s;
    private final Limits limits;

    Queries(Ctx c, Limits limits) {
        this.c = c;
        this.limits = limits;
        this.s = c.results.section("queries", "3. Board queries: rate and latency by board size");
    }

    record Outcome(long ok, long errors, long throttled, double seconds, Stats.Summary latency) {
        double rate() {
            return ok / seconds;
        }
    }

    void run() throws Exception {
        String key = c.boardKey();
        String pagePath = "/boards/" + Ctx.BOARD + "/periods/" + Ctx.QUERY_PERIOD;
        s.notes.add("The ranking's sorted set `" + key + "` is seeded directly in Redis (members `bench-e<i>`, "
                + "negated random scores, pipelined ZADD) and the period registered in `" + c.boardPeriodsKey()
                + "`; both are removed at the end. At each size, " + c.o.queries + " queries per scenario (or "
                + c.o.querySeconds + " s, whichever comes first) from "
                + c.o.clients + " concurrent clients with an analyst token: a page (`?offset=<random>&limit=20`) "
                + "and around-me (`/entities/bench-e<random>?around=5`, 11 entries), straight to ranking (`" + c.o.ranking
                + "/v1" + pagePath + "`) and through the gateway (`" + c.o.gateway + "/api/v1" + pagePath + "`, token "
                + "validation, per-client rate limit check in Redis, proxy hop). A ranking answer costs ZCARD, ZRANGE "
                + "and ZCOUNT (around-me adds ZRANK) in Redis and the previous-period and history lookups in "
                + "PostgreSQL. The limit is `redis-benchmark` ZRANGE 0 19 WITHSCORES on the same key at that size, "
                + "pipelined 16 (the no-pipelining rate is in the details). Each scenario starts with unmeasured "
                + "warm-up queries." + (c.o.gatewayNote.isEmpty() ? "" : " Gateway: " + c.o.gatewayNote));
        Map<String, Map<Integer, Stats.Summary>> growth = new LinkedHashMap<>();
        Map<Integer, Double> zrangeP1 = new LinkedHashMap<>();
        Random rnd = new Random(11);
        int seeded = 0;
        boolean warmed = false;
        try (Resp redis = c.redis()) {
            redis.call("UNLINK", key);
            redis.call("SADD", c.boardPeriodsKey(), Ctx.QUERY_PERIOD);
            for (int size : c.o.boardSizes) {
                long t0 = System.nanoTime();
                List<String[]> cmds = new ArrayList<>();
                for (int from = seeded; from < size; from += 1000) {
                    int to = Math.min(size, from + 1000);
                    String[] z = new String[2 + 2 * (to - from)];
                    z[0] = "ZADD";
                    z[1] = key;
                    int k = 2;
                    for (int i = from; i < to; i++) {
                        z[k++] = "-" + (rnd.nextInt(100_000_000) / 100.0);
                        z[k++] = "bench-e" + i;
                    }
                    cmds.add(z);
                }
                redis.pipeline(cmds);
                seeded = size;
                System.out.printf(Locale.ROOT, "[bench] board seeded to %,d entities in %.1f s%n", size,
                        (System.nanoTime() - t0) / 1e9);
                String zr = "ZRANGE " + key + " 0 19 WITHSCORES";
                RedisBenchmarkResult p16 = limits.redisBenchmark(16, c.o.redisRequests / 2, zr);
                RedisBenchmarkResult p1 = limits.redisBenchmark(1, c.o.redisRequests / 4, zr);
                Double limit = p16 == null ? null : p16.rps();
                zrangeP1.put(size, p1 == null ? Double.NaN : p1.rps());
                c.results.add(s, new Results.Row("queries." + size + ".redis.zrange", String.format(Locale.ROOT,
                        "%,d entities: Redis ZRANGE 0 19 WITHSCORES, pipeline 16 (limit)", size),
                        limit == null ? Double.NaN : limit, "ops/s", null, null, null, null,
                        (p16 == null ? "" : Limits.latency(p16)) + String.format(Locale.ROOT, "; no pipelining %,.0f ops/s",
                                p1 == null ? Double.NaN : p1.rps()),
                        limits.shownRedis(16, c.o.redisRequests / 2, zr)));
                int n = size;
                String[][] scenarios = {
                    { "direct.page", "straight to ranking, page", c.o.ranking + "/v1" + pagePath },
                    { "direct.around", "straight to ranking, around-me", c.o.ranking + "/v1" + pagePath },
                    { "gateway.page", "through the gateway, page", c.o.gateway + "/api/v1" + pagePath },
                    { "gateway.around", "through the gateway, around-me", c.o.gateway + "/api/v1" + pagePath },
                };
                for (String[] sc : scenarios) {
                    String base = sc[2];
                    IntFunction<String> url = sc[0].endsWith("page")
                            ? i -> base + "?offset=" + ThreadLocalRandom.current().nextInt(Math.max(1, n - 19))
                                    + "&limit=20"
                            : i -> base + "/entities/bench-e" + ThreadLocalRandom.current().nextInt(n) + "?around=5";
                    query(url, warmed ? 50 : 300, 3);
                    Outcome r = query(url, c.o.queries, c.o.querySeconds);
                    growth.computeIfAbsent(sc[0], x -> new LinkedHashMap<>()).put(size, r.latency());
                    Stats.Summary first = growth.get(sc[0]).values().iterator().next();
                    c.results.add(s, new Results.Row("queries." + size + "." + sc[0], String.format(Locale.ROOT,
                            "%,d entities: %s", size, sc[1]), r.rate(), "queries/s", "ZRANGE pipeline 16", limit,
                            "ops/s", Results.ratioOf(r.rate(), limit),
                            String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms (p50 %s of the smallest board); "
                                    + "%d errors, %d answered 429", r.latency().p50(), r.latency().p99(),
                                    Results.ratio(r.latency().p50() / first.p50()), r.errors(), r.throttled()),
                            null));
                    if (r.errors() + r.throttled() > 0) {
                        c.results.warn(size + " entities, " + sc[1] + ": " + r.errors() + " errors, " + r.throttled()
                                + " throttled (429)");
                    }
                }
                warmed = true;
            }
        } finally {
            try (Resp redis = c.redis()) {
                redis.call("UNLINK", key);
                redis.call("SREM", c.boardPeriodsKey(), Ctx.QUERY_PERIOD);
            }
        }
        s.notes.add(growthTable(growth, zrangeP1));
    }

    private String growthTable(Map<String, Map<Integer, Stats.Summary>> growth, Map<Integer, Double> zrangeP1) {
        StringBuilder t = new StringBuilder("How the cost grows with the board size (p50 latency in ms; a skip list "
                + "answers a rank in O(log N), so from 1 k to 1 M entities log₂ N only doubles, 10 → 20, plus the "
                + "constant page; the ranking also remembers each entity's movement facts from frozen periods until the "
                + "next freeze, so a small board is answered from memory once its pages have been read, while random "
                + "pages of a large board mostly miss and pay two PostgreSQL queries):\n\n| entities | log₂ N | ranking page | ranking around-me | gateway page | "
                + "gateway around-me | Redis ZRANGE no pipelining ops/s |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int size : c.o.boardSizes) {
            t.append(String.format(Locale.ROOT, "| %,d | %.1f |", size, Math.log(size) / Math.log(2)));
            for (String sc : List.of("direct.page", "direct.around", "gateway.page", "gateway.around")) {
                Stats.Summary sum = growth.getOrDefault(sc, Map.of()).get(size);
                t.append(' ').append(sum == null ? "—" : Results.num(sum.p50())).append(" |");
            }
            t.append(' ').append(Results.num(zrangeP1.getOrDefault(size, Double.NaN))).append(" |\n");
        }
        return t.toString().strip();
    }

    private Outcome query(IntFunction<String> url, int count, int maxSeconds) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong throttled = new AtomicLong();
        long[] lat = new long[count];
        AtomicInteger latN = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        long stopAt = t0 + maxSeconds * 1_000_000_000L;
        for (int t = 0; t < c.o.clients; t++) {
            Thread th = new Thread(() -> {
                int i;
                while (System.nanoTime() < stopAt && (i = next.getAndIncrement()) < count) {
                    long s0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = c.http.get(url.apply(i), c.analystToken);
                        long took = System.nanoTime() - s0;
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            lat[latN.getAndIncrement()] = took;
                        } else if (r.statusCode() == 429) {
                            throttled.incrementAndGet();
                        } else {
                            if (errors.incrementAndGet() <= 3) {
                                System.out.println("[bench] query answered " + r.statusCode() + ": "
                                        + Limits.tail(r.body()));
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "query-client-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        return new Outcome(ok.get(), errors.get(), throttled.get(), (System.nanoTime() - t0) / 1e9,
                Stats.ofNanos(lat, latN.get()));
    }
}
