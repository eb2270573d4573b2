package io.caimei.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code bench/run.sh} ({@code ./caimei bench}): measures the running platform and this machine's limits in one run
 * and writes BENCHMARKS.md and bench/results.json. No thresholds: the figures and their ratios are the result.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Results results = new Results(runId);
        Ctx c = new Ctx(o, results, runId);
        if (!preflight(c)) {
            System.exit(2);
        }
        Thread cleanupHook = new Thread(() -> cleanup(c), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
        Machine.describe(c, results.machine);
        chooseDay(c);
        long t0 = System.nanoTime();
        results.run.put("run id", runId);
        results.run.put("event day (Asia/Shanghai)", c.day.toString());
        results.run.put("gateway", o.gateway + (o.gatewayNote.isEmpty() ? "" : " (" + o.gatewayNote + ")"));
        var flags = new LinkedHashMap<>(o.given);
        List.of("--root", "--gateway", "--gateway-note", "--ingest", "--scoring", "--ranking", "--issuer", "--redis",
                "--kafka").forEach(flags::remove);
        results.run.put("flags", flags.isEmpty() ? "(defaults)" : flags.toString());
        System.out.printf(Locale.ROOT, "[bench] run %s: %d CPUs, events on %s (Asia/Shanghai)%n", runId,
                Runtime.getRuntime().availableProcessors(), c.day);
        Limits limits = new Limits(c);
        section(c, "limits", limits::run);
        section(c, "memory", () -> new Memory(c).run());
        section(c, "ingest", () -> new Ingest(c).run());
        section(c, "scoring", () -> new Scoring(c).run());
        section(c, "e2e", () -> new EndToEnd(c).run());
        section(c, "queries", () -> new Queries(c, limits).run());
        cleanup(c);
        Runtime.getRuntime().removeShutdownHook(cleanupHook);
        results.run.put("duration", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
        results.run.put("load average at end (1/5/15 min)", Machine.loadAverage());
        order(results);
        results.writeJson(o.json);
        results.writeMarkdown(o.markdown, intro(), reproduce(), contention(c));
        System.out.println("[bench] wrote " + o.markdown + " and " + o.json);
    }

    interface Step {
        void run() throws Exception;
    }

    private static void section(Ctx c, String name, Step step) {
        if (!c.o.runs(name)) {
            return;
        }
        long t0 = System.nanoTime();
        System.out.println("[bench] --- " + name);
        try {
            step.run();
        } catch (Exception e) {
            c.results.warn("section " + name + " failed: " + e);
            e.printStackTrace(System.out);
        }
        System.out.printf(Locale.ROOT, "[bench] --- %s took %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
    }

    /** Sections in the document's numbering, whatever order they ran in. */
    private static void order(Results r) {
        List<String> wanted = List.of("ingest", "scoring", "e2e", "queries", "memory", "limits");
        r.sections.sort((a, b) -> Integer.compare(wanted.indexOf(a.id), wanted.indexOf(b.id)));
    }

    private static boolean preflight(Ctx c) {
        boolean ok = true;
        Map<String, String> needed = new LinkedHashMap<>();
        if (c.o.runs("ingest") || c.o.runs("e2e")) {
            needed.put("ingest", c.o.ingest);
        }
        if (c.o.runs("scoring") || c.o.runs("e2e")) {
            needed.put("scoring", c.o.scoring);
        }
        if (c.o.runs("e2e") || c.o.runs("queries")) {
            needed.put("ranking", c.o.ranking);
        }
        if (c.o.runs("ingest") || c.o.runs("queries")) {
            needed.put("gateway", c.o.gateway);
        }
        for (var e : needed.entrySet()) {
            // the gateway keeps /q/* on its private management port: its public port answers /openapi when up
            String probe = e.getKey().equals("gateway") ? "/openapi" : "/q/health/ready";
            if (!c.http.up(e.getValue() + probe)) {
                System.err.println("[bench] " + e.getKey() + " is not ready at " + e.getValue() + " (start the stack "
                        + "with ./caimei up)");
                ok = false;
            }
        }
        try {
            c.ingestToken.get();
            c.analystToken.get();
        } catch (Exception e) {
            System.err.println("[bench] cannot get tokens from " + c.o.issuer + ": " + e.getMessage());
            ok = false;
        }
        try (Resp r = c.redis()) {
            r.call("PING");
        } catch (Exception e) {
            System.err.println("[bench] Redis not reachable at " + c.o.redisHost + ":" + c.o.redisPort);
            ok = false;
        }
        return ok;
    }

    /**
     * Yesterday in Asia/Shanghai, so every event time is in the past and the run's day, week, month and year are
     * still open; today instead if the scorer's watermark (at most the newest channel's latest event time − 2 h) may
     * already have closed yesterday.
     */
    /** Partitions of the events topic whose watermark input is read (the local topic has 12). */
    private static final int MAX_PARTITIONS = 1024;

    static void chooseDay(Ctx c) {
        LocalDate today = LocalDate.now(Ctx.CHINA);
        LocalDate day = today.minusDays(1);
        long maxts = 0;
        try (Resp r = c.redis()) {
            // the newest channel's latest event time: an upper bound of the per-channel watermark. The keys are
            // named by partition, so they are read directly: a SCAN walks every key (millions of ingest dedupe keys
            // after a few runs) and cost Redis seconds of CPU
            List<String[]> reads = new ArrayList<>();
            for (int p = 0; p < MAX_PARTITIONS; p++) {
                reads.add(new String[] { "HVALS", c.o.scoringPrefix + ":{p" + p + "}:chts" });
            }
            for (Object reply : r.pipeline(reads)) {
                if (reply instanceof List<?> values) {
                    for (Object v : values) {
                        maxts = Math.max(maxts, Long.parseLong((String) v));
                    }
                }
            }
        } catch (Exception e) {
            // no watermark known: keep yesterday
        }
        Instant watermark = Instant.ofEpochMilli(maxts).minus(Duration.ofHours(2));
        if (!watermark.isBefore(today.atStartOfDay(Ctx.CHINA).toInstant())) {
            day = today;
        }
        if (c.o.day != null) {
            day = c.o.day;
            if (!watermark.isBefore(day.plusDays(1).atStartOfDay(Ctx.CHINA).toInstant())) {
                c.results.warn("the scorer's watermark " + watermark + " has closed " + day + ": its events count as"
                        + " late and the scoring and end-to-end figures will be empty");
            }
        }
        c.day = day;
        OffsetDateTime base = day.atTime(1, 0).atOffset(Ctx.CHINA);
        int spread = 3600;
        OffsetDateTime latest = OffsetDateTime.now(Ctx.CHINA).minusMinutes(1);
        if (base.plusSeconds(spread).isAfter(latest)) {
            base = day.atStartOfDay().atOffset(Ctx.CHINA);
            spread = (int) Math.max(1, Math.min(3600, Duration.between(base, latest).getSeconds()));
        }
        c.eventBase = base;
        c.eventSpreadSeconds = spread;
    }

    /** Removes every scratch thing of this run; safe to call twice (also runs on Ctrl-C). */
    static synchronized void cleanup(Ctx c) {
        try (Resp r = c.redis()) {
            long n = r.unlinkMatching(c.scratch + "*");
            if (c.o.runs("queries")) {
                n += (Long) r.call("UNLINK", c.boardKey());
                r.call("SREM", c.boardPeriodsKey(), Ctx.QUERY_PERIOD);
            }
            if (n > 0) {
                System.out.println("[bench] cleanup removed " + n + " scratch keys");
            }
        } catch (Exception e) {
            System.out.println("[bench] cleanup of Redis keys failed: " + e);
        }
        if (c.o.runs("limits")) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.o.kafka);
            try (Admin admin = Admin.create(p)) {
                String topic = "bench." + c.runId + ".scratch";
                if (admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                    admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
                    System.out.println("[bench] cleanup deleted topic " + topic);
                }
            } catch (Exception e) {
                System.out.println("[bench] cleanup of the scratch topic failed: " + e);
            }
        }
    }

    private static String intro() {
        return "Figures of one run of `bench/run.sh` on the machine described below, each next to the matching "
                + "machine limit measured in the same run (Kafka's own producer benchmark, `redis-benchmark`) and "
                + "their ratio. There are no pass/fail thresholds: the figures are the result. Sections: 1 ingest, "
                + "2 scoring and end to end, 3 board queries by board size, 4 Redis memory, 5 machine limits.";
    }

    private static String reproduce() {
        return """
                ```bash
                ./caimei up        # Kafka, Redis, PostgreSQL, Keycloak and the four services
                bench/run.sh       # (./caimei bench) about 6-10 minutes; rewrites BENCHMARKS.md and bench/results.json
                bench/run.sh --help                      # scale flags, e.g. --ingest-events, --e2e-rate, --board-sizes
                bench/run.sh --sections queries,limits   # only some sections
                ```

                `bench/run.sh` builds `bench/target/caimei-bench.jar` if needed, starts a second gateway on port 18088
                from the same build with per-client budgets raised (the shipped budgets, 20-200 requests/s per client,
                would measure the rate limiter instead of the gateway; `--use-running-gateway` uses port 8080 as is)
                and stops it afterwards. Board queries are also driven by `wrk` (installed by `bench/run.sh` with apt-get
                where it can) with `bench/wrk/board.lua`, which runs alone too (`CAIMEI_TOKEN`, `CAIMEI_PATH`, `CAIMEI_SIZE`,
                `CAIMEI_MODE` page|around). Everything scratch is removed at the end (the Kafka topic
                `bench.<run>.scratch`, Redis keys `bench:<run>:*`, the seeded board `rk:{content-heat:2031-01-01}:z`).
                Events of the ingest, backlog and end-to-end loads are real: they are counted once for the CONTENT
                entities `bench-c*` and `bench-<run>-m*` on the content-heat board of the event day (yesterday in
                Asia/Shanghai) and its week, month and year, like any other channel's events.""";
    }

    private static String contention(Ctx c) {
        return "**CPU contention.** This machine has " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + "shared during every measurement by Kafka, Redis, PostgreSQL, Keycloak, the four service JVMs, "
                + "the benchmark gateway, this load generator and the measuring tool itself (and whatever else runs "
                + "here, see the load averages above). Every figure is a same-machine figure: the limits in section "
                + "5 are measured with the services idle but present, while the platform figures pay for the load "
                + "generator's CPU too. Rows marked *on its own* measure one stage with the services after it stopped "
                + "(SIGSTOP, continued right after), as the limits were measured with nothing consuming; the rows "
                + "beside them measure the same stage with everything running. Ratios compare like with like on this "
                + "machine; absolute numbers will differ elsewhere.";
    }
}
