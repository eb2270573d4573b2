package io.caimei.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.caimei.bench.ToolOutput.RedisBenchmarkResult;

/**
 * Board page and around-me queries at growing board sizes, through the gateway and straight to ranking, measured
 * by this benchmark's own client and by wrk, next to redis-benchmark running the very script a page costs; then
 * the small reads (boards, periods, explanation) and conditional reads of a closed period.
 */
final class Queries {

    private static final String SCRIPT = "ranking-service/src/main/resources/lua/board-read.lua";
    private static final Pattern WRK = Pattern.compile(
            "wrk-result requests=(\\d+) seconds=([\\d.]+) rps=([\\d.]+) p50_ms=([\\d.]+) p99_ms=([\\d.]+) non2xx=(\\d+) errors=(\\d+)");

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

    /** What wrk reported for one scenario. */
    record WrkOutcome(double rate, double p50, double p99, long non2xx, long errors) {
    }

    void run() throws Exception {
        String key = c.boardKey();
        String pagePath = "/boards/" + Ctx.BOARD + "/periods/" + Ctx.QUERY_PERIOD;
        boolean wrk = c.run(List.of("sh", "-c", "command -v wrk"), Duration.ofSeconds(10)).exit() == 0;
        s.notes.add("The ranking's sorted set `" + key + "` is seeded directly in Redis (members `bench-e<i>`, "
                + "negated random scores, pipelined ZADD) and the period registered in `" + c.boardPeriodsKey()
                + "`; both are removed at the end. At each size, each scenario runs " + c.o.querySeconds + " s (at most "
                + c.o.queries + " queries) from " + c.o.queryClients + " concurrent clients with an analyst token: a page "
                + "(`?offset=<random>&limit=20`) and around-me (`/entities/bench-e<random>?around=5`, 11 entries), "
                + "straight to ranking (`" + c.o.ranking + "/v1" + pagePath + "`) and through the gateway (`"
                + c.o.gateway + "/api/v1" + pagePath + "`: token check, per-client rate limit, proxy hop). Each is "
                + "measured twice: by this benchmark's Java client (`java.net.http`, one thread per client) and by `wrk` "
                + "(`wrk -t2 -c" + c.o.queryClients + " -d" + c.o.querySeconds + "s -s bench/wrk/board.lua`, random "
                + "offsets in Lua). A ranking answer is one Redis call: the script `" + SCRIPT + "` (ZCARD, ZRANGE, "
                + "ZCOUNT for the first rank, HMGET of contributors and movement facts; around-me adds ZRANK). Its limit "
                + "is `redis-benchmark` running that same script by EVALSHA on the same keys with random offsets, "
                + "pipelined 16 (no pipelining in the details); ZRANGE 0 19 WITHSCORES is in the details too. Before the "
                + "first size " + c.o.queryWarmup + " s of unmeasured load per scenario let the services' JIT compile the read path, "
                + "3 s before later sizes." + (c.o.gatewayNote.isEmpty() ? "" : " Gateway: " + c.o.gatewayNote)
                + (wrk ? "" : " wrk is not installed here (apt-get install wrk): its rows are missing."));
        Map<String, Map<Integer, Double>> p50 = new LinkedHashMap<>();
        Random rnd = new Random(11);
        int seeded = 0;
        String sha;
        try (Resp redis = c.redis()) {
            redis.call("UNLINK", key);
            redis.call("SADD", c.boardPeriodsKey(), Ctx.QUERY_PERIOD);
            sha = redis.call("SCRIPT", "LOAD", Files.readString(c.o.root.resolve(SCRIPT))).toString();
            for (int size : c.o.boardSizes) {
                seed(redis, key, seeded, size, rnd);
                seeded = size;
                Double limit = redisLimits(size, key, sha);
                int n = size;
                String[][] scenarios = {
                    { "direct.page", "straight to ranking, page", c.o.ranking + "/v1" + pagePath },
                    { "direct.around", "straight to ranking, around-me", c.o.ranking + "/v1" + pagePath },
                    { "gateway.page", "through the gateway, page", c.o.gateway + "/api/v1" + pagePath },
                    { "gateway.around", "through the gateway, around-me", c.o.gateway + "/api/v1" + pagePath },
                };
                for (String[] sc : scenarios) {
                    String base = sc[2];
                    boolean page = sc[0].endsWith("page");
                    IntFunction<String> url = page
                            ? i -> base + "?offset=" + ThreadLocalRandom.current().nextInt(Math.max(1, n - 19))
                                    + "&limit=20"
                            : i -> base + "/entities/bench-e" + ThreadLocalRandom.current().nextInt(n) + "?around=5";
                    query(url, Integer.MAX_VALUE, size == c.o.boardSizes.get(0) ? c.o.queryWarmup : 3);
                    Outcome r = query(url, c.o.queries, c.o.querySeconds);
                    p50.computeIfAbsent(sc[0] + ".java", x -> new LinkedHashMap<>()).put(size, r.latency().p50());
                    c.results.add(s, new Results.Row("queries." + size + "." + sc[0], String.format(Locale.ROOT,
                            "%,d entities: %s (Java client)", size, sc[1]), r.rate(), "queries/s",
                            "board-read script, pipeline 16", limit, "ops/s", Results.ratioOf(r.rate(), limit),
                            String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms; %d errors, %d answered 429",
                                    r.latency().p50(), r.latency().p99(), r.errors(), r.throttled()), null));
                    if (r.errors() + r.throttled() > 0) {
                        c.results.warn(size + " entities, " + sc[1] + ": " + r.errors() + " errors, " + r.throttled()
                                + " throttled (429)");
                    }
                    if (wrk) {
                        WrkOutcome w = wrk(base.substring(0, base.indexOf('/', 8)), base.substring(base.indexOf('/', 8)),
                                size, page ? "page" : "around");
                        if (w != null) {
                            p50.computeIfAbsent(sc[0] + ".wrk", x -> new LinkedHashMap<>()).put(size, w.p50());
                            c.results.add(s, new Results.Row("queries." + size + "." + sc[0] + ".wrk",
                                    String.format(Locale.ROOT, "%,d entities: %s (wrk)", size, sc[1]), w.rate(),
                                    "queries/s", "board-read script, pipeline 16", limit, "ops/s",
                                    Results.ratioOf(w.rate(), limit), String.format(Locale.ROOT,
                                            "p50 %.2f ms, p99 %.2f ms; %d non-2xx, %d socket errors", w.p50(),
                                            w.p99(), w.non2xx(), w.errors()),
                                    "wrk -t2 -c" + c.o.queryClients + " -d" + c.o.querySeconds
                                            + "s -s bench/wrk/board.lua " + base.substring(0, base.indexOf('/', 8))));
                            if (w.non2xx() + w.errors() > 0) {
                                c.results.warn(size + " entities, " + sc[1] + " (wrk): " + w.non2xx() + " non-2xx, "
                                        + w.errors() + " socket errors");
                            }
                        }
                    }
                }
            }
        } finally {
            try (Resp redis = c.redis()) {
                redis.call("UNLINK", key, key.replace(":z", ":facts"), key.replace(":z", ":top"));
                redis.call("SREM", c.boardPeriodsKey(), Ctx.QUERY_PERIOD);
            }
        }
        s.notes.add(growthTable(p50));
        smallReads();
        conditionalReads();
    }

    private void seed(Resp redis, String key, int from0, int size, Random rnd) throws Exception {
        long t0 = System.nanoTime();
        List<String[]> cmds = new ArrayList<>();
        for (int from = from0; from < size; from += 1000) {
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
        System.out.printf(Locale.ROOT, "[bench] board seeded to %,d entities in %.1f s%n", size,
                (System.nanoTime() - t0) / 1e9);
    }

    /** redis-benchmark on the script a page costs (the limit) and on a plain ZRANGE; returns the script's rate. */
    private Double redisLimits(int size, String key, String sha) throws Exception {
        String script = "EVALSHA " + sha + " 3 " + key + " " + key.replace(":z", ":top") + " "
                + key.replace(":z", ":facts") + " page __rand_int__ 20 0";
        int range = Math.max(1, size - 20);
        RedisBenchmarkResult p16 = limits.redisBenchmark(16, c.o.redisRequests / 2, script, range);
        RedisBenchmarkResult p1 = limits.redisBenchmark(1, c.o.redisRequests / 4, script, range);
        String zr = "ZRANGE " + key + " 0 19 WITHSCORES";
        RedisBenchmarkResult z16 = limits.redisBenchmark(16, c.o.redisRequests / 2, zr);
        Double limit = p16 == null ? null : p16.rps();
        c.results.add(s, new Results.Row("queries." + size + ".redis.board-read", String.format(Locale.ROOT,
                "%,d entities: Redis, the board-read script at random offsets, pipeline 16 (limit)", size),
                limit == null ? Double.NaN : limit, "ops/s", null, null, null, null,
                (p16 == null ? "" : Limits.latency(p16)) + String.format(Locale.ROOT,
                        "; no pipelining %,.0f ops/s; ZRANGE 0 19 WITHSCORES pipeline 16: %,.0f ops/s",
                        p1 == null ? Double.NaN : p1.rps(), z16 == null ? Double.NaN : z16.rps()),
                "redis-benchmark -n " + c.o.redisRequests / 2 + " -r " + range + " -P 16 --csv " + script));
        return limit;
    }

    private WrkOutcome wrk(String baseUrl, String path, int size, String mode) throws Exception {
        List<String> cmd = List.of("env", "CAIMEI_TOKEN=" + c.analystToken.get(), "CAIMEI_PATH=" + path,
                "CAIMEI_SIZE=" + size, "CAIMEI_MODE=" + mode, "wrk", "-t2", "-c" + c.o.queryClients,
                "-d" + c.o.querySeconds + "s", "-s", "bench/wrk/board.lua", baseUrl);
        Ctx.ProcResult r = c.run(cmd, Duration.ofSeconds(c.o.querySeconds + 60L));
        Matcher m = WRK.matcher(r.output());
        if (r.exit() != 0 || !m.find()) {
            c.results.warn("wrk " + mode + " " + baseUrl + path + " failed (exit " + r.exit() + "): "
                    + Limits.tail(r.output()));
            return null;
        }
        return new WrkOutcome(Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)));
    }

    /** Boards list, periods list and an entity's explanation through the gateway, one client, p50. */
    private void smallReads() throws Exception {
        String[] ep = rankedEntity();
        String entity = ep[0];
        String[][] reads = {
            { "boards", "boards list", c.o.gateway + "/api/v1/boards" },
            { "periods", "a board's periods list", c.o.gateway + "/api/v1/boards/" + Ctx.BOARD + "/periods" },
            { "explanation", "an entity's explanation (" + entity + ")",
                c.o.gateway + "/api/v1/entities/" + entity + "/periods/" + ep[1] + "/explanation" },
        };
        for (String[] r : reads) {
            Outcome warm = sequential(r[2], 200, null);
            Outcome o = sequential(r[2], 1000, null);
            c.results.add(s, new Results.Row("queries.small." + r[0], "through the gateway, " + r[1] + ", one client",
                    o.latency().p50(), "ms p50", null, null, null, null, String.format(Locale.ROOT,
                            "p99 %.2f ms, %.0f queries/s; %d errors (warm-up %d errors)", o.latency().p99(), o.rate(),
                            o.errors(), warm.errors()), null));
        }
    }

    /** A closed period's page carries a strong ETag; If-None-Match with it is answered 304. */
    private void conditionalReads() throws Exception {
        String closed = closedPeriod();
        if (closed == null) {
            s.notes.add("No closed period of `" + Ctx.BOARD + "` was found, so conditional reads were not measured.");
            return;
        }
        String url = c.o.gateway + "/api/v1/boards/" + Ctx.BOARD + "/periods/" + closed + "?limit=20";
        HttpResponse<String> first = c.http.get(url, c.analystToken);
        String etag = first.headers().firstValue("ETag").orElse(null);
        if (etag == null) {
            c.results.warn("closed period " + closed + " answered without an ETag");
            return;
        }
        sequential(url, 200, etag);
        Outcome o = sequential(url, 2000, etag);
        c.results.add(s, new Results.Row("queries.closed.304", "through the gateway, a closed period's page ("
                + closed + ") with If-None-Match, one client", o.latency().p50(), "ms p50", null, null, null, null,
                String.format(Locale.ROOT, "%d answered 304 of %d; p99 %.2f ms, %.0f queries/s; Cache-Control: %s",
                        o.ok(), o.ok() + o.errors(), o.latency().p99(), o.rate(),
                        first.headers().firstValue("Cache-Control").orElse("none")), null));
    }

    /** The first entity of the newest period of the board that has one, and that period. */
    private String[] rankedEntity() throws Exception {
        HttpResponse<String> list = c.http.get(c.o.gateway + "/api/v1/boards/" + Ctx.BOARD + "/periods", c.analystToken);
        for (var p : Http.JSON.readTree(list.body())) {
            String period = p.path("period").asText();
            HttpResponse<String> r = c.http.get(c.o.gateway + "/api/v1/boards/" + Ctx.BOARD + "/periods/" + period
                    + "?limit=1", c.analystToken);
            var entries = Http.JSON.readTree(r.body()).path("entries");
            if (entries.isArray() && entries.size() > 0 && !period.equals(Ctx.QUERY_PERIOD)) {
                return new String[] { entries.get(0).path("entityId").asText(), period };
            }
        }
        return new String[] { "content-001", "2024" };
    }

    private String closedPeriod() throws Exception {
        HttpResponse<String> r = c.http.get(c.o.gateway + "/api/v1/boards/" + Ctx.BOARD + "/periods", c.analystToken);
        for (var p : Http.JSON.readTree(r.body())) {
            if (p.path("closed").asBoolean()) {
                return p.path("period").asText();
            }
        }
        return null;
    }

    /** One client, one request after another; with an ETag, a 304 counts as ok and anything else as an error. */
    private Outcome sequential(String url, int count, String etag) throws Exception {
        long[] lat = new long[count];
        int n = 0;
        long errors = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + c.analystToken.get()).GET();
            if (etag != null) {
                b.header("If-None-Match", etag);
            }
            long s0 = System.nanoTime();
            HttpResponse<byte[]> r = c.http.client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - s0;
            if (r.statusCode() == (etag == null ? 200 : 304)) {
                lat[n++] = took;
            } else {
                if (++errors <= 3) {
                    System.out.println("[bench] " + url + " answered " + r.statusCode() + ": "
                            + Limits.tail(new String(r.body(), StandardCharsets.UTF_8)));
                }
            }
        }
        return new Outcome(n, errors, 0, (System.nanoTime() - t0) / 1e9, Stats.ofNanos(lat, n));
    }

    private String growthTable(Map<String, Map<Integer, Double>> p50) {
        StringBuilder t = new StringBuilder("How the cost grows with the board size (p50 latency in ms at "
                + c.o.queryClients + " concurrent clients; a skip list answers a rank in O(log N), so from 1 k to 1 M "
                + "entities log₂ N only doubles, and movement facts are read from the same Redis call, so nothing "
                + "else grows). The last column is p50 at the largest board over p50 at the smallest:\n\n"
                + "| scenario |");
        for (int size : c.o.boardSizes) {
            t.append(String.format(Locale.ROOT, " %,d |", size));
        }
        t.append(" largest / smallest |\n|---|");
        c.o.boardSizes.forEach(x -> t.append("---:|"));
        t.append("---:|\n");
        for (var e : p50.entrySet()) {
            t.append("| ").append(e.getKey()).append(" |");
            for (int size : c.o.boardSizes) {
                Double v = e.getValue().get(size);
                t.append(' ').append(v == null ? "—" : Results.num(v)).append(" |");
            }
            Double first = e.getValue().get(c.o.boardSizes.get(0));
            Double last = e.getValue().get(c.o.boardSizes.get(c.o.boardSizes.size() - 1));
            t.append(' ').append(first == null || last == null ? "—" : Results.ratio(last / first)).append(" |\n");
        }
        return t.toString().strip();
    }

    private Outcome query(IntFunction<String> url, int count, int maxSeconds) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong throttled = new AtomicLong();
        long[] lat = new long[Math.min(count, 2_000_000)];
        AtomicInteger latN = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        long stopAt = t0 + maxSeconds * 1_000_000_000L;
        for (int t = 0; t < c.o.queryClients; t++) {
            Thread th = new Thread(() -> {
                int i;
                while (System.nanoTime() < stopAt && (i = next.getAndIncrement()) < count) {
                    long s0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = c.http.get(url.apply(i), c.analystToken);
                        long took = System.nanoTime() - s0;
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            int at = latN.getAndIncrement();
                            if (at < lat.length) {
                                lat[at] = took;
                            }
                        } else if (r.statusCode() == 429) {
                            throttled.incrementAndGet();
                        } else if (errors.incrementAndGet() <= 3) {
                            System.out.println("[bench] query answered " + r.statusCode() + ": "
                                    + Limits.tail(r.body()));
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
                Stats.ofNanos(lat, Math.min(latN.get(), lat.length)));
    }
}
