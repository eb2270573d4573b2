package io.caimei.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.caimei.bench.ToolOutput.ProducerPerformanceResult;
import io.caimei.bench.ToolOutput.RedisBenchmarkResult;

/** The machine's own limits, measured in the same run: Kafka durable produce and Redis command rates. */
final class Limits {

    static final String KAFKA_PP = "limit.kafka.pp";

    private final Ctx c;
    private final Results.Section s;

    Limits(Ctx c) {
        this.c = c;
        this.s = c.results.section("limits", "5. Machine limits (same run)");
    }

    void run() throws Exception {
        s.notes.add("The ceilings every other figure is divided by. Kafka: the broker's own load generator writing "
                + "250-byte records with `acks=all` (an ingest canonical event is about that size) to a scratch topic "
                + "with 6 partitions, deleted afterwards. Redis: `redis-benchmark` (50 connections) with 16 commands "
                + "per pipeline on scratch keys `bench:<run>:…`, and once without pipelining.");
        kafka();
        redis();
    }

    private void kafka() throws Exception {
        String topic = "bench." + c.runId + ".scratch";
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.o.kafka);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
            try {
                List<String> cmd = List.of(c.o.root.resolve("infra/infra.sh").toString(), "kafka-class",
                        "org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
                        Long.toString(c.o.kafkaRecords), "--record-size", "250", "--throughput", "-1",
                        "--producer-props", "bootstrap.servers=" + c.o.kafka, "acks=all");
                String shown = "infra/infra.sh kafka-class org.apache.kafka.tools.ProducerPerformance --topic bench.scratch"
                        + " --num-records " + c.o.kafkaRecords + " --record-size 250 --throughput -1 --producer-props"
                        + " bootstrap.servers=" + c.o.kafka + " acks=all";
                s.commands.add("infra/infra.sh kafka-class org.apache.kafka.tools.TopicCommand --bootstrap-server "
                        + c.o.kafka + " --create --topic bench.scratch --partitions 6 --replication-factor 1");
                s.commands.add(shown);
                Ctx.ProcResult r = c.run(cmd, Duration.ofMinutes(5));
                ProducerPerformanceResult pp = ToolOutput.producerPerformance(r.output()).orElse(null);
                if (r.exit() != 0 || pp == null) {
                    c.results.warn("ProducerPerformance failed (exit " + r.exit() + "): " + tail(r.output()));
                    c.results.add(s, new Results.Row(KAFKA_PP, "Kafka durable produce, 250 B records, acks=all",
                            Double.NaN, "records/s", null, null, null, null, "failed", shown));
                    return;
                }
                c.results.add(s, new Results.Row(KAFKA_PP, "Kafka durable produce, 250 B records, acks=all",
                        pp.recordsPerSec(), "records/s", null, null, null, null,
                        String.format(Locale.ROOT, "%,d records, %.1f MB/s, latency p50 %.0f ms, p99 %.0f ms",
                                pp.records(), pp.mbPerSec(), pp.p50Ms(), pp.p99Ms()),
                        shown));
                s.commands.add("infra/infra.sh kafka-class org.apache.kafka.tools.TopicCommand --bootstrap-server "
                        + c.o.kafka + " --delete --topic bench.scratch");
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    private void redis() throws Exception {
        String z = c.scratch + "z";
        int n = c.o.redisRequests;
        String[][] tests = {
            { "ZADD", "ZADD " + z + " __rand_int__ m:__rand_int__" },
            { "ZINCRBY", "ZINCRBY " + z + " 1 m:__rand_int__" },
            { "ZREVRANGE", "ZREVRANGE " + z + " 0 19 WITHSCORES" },
            { "ZRANGE", "ZRANGE " + z + " 0 19 WITHSCORES" },
            { "HINCRBY", "HINCRBY " + c.scratch + "h:__rand_int__ E5 1" },
            { "PFADD", "PFADD " + c.scratch + "hll:__rand_int__ u:__rand_int__" },
        };
        for (String[] t : tests) {
            RedisBenchmarkResult r = redisBenchmark(16, n, t[1]);
            c.results.add(s, new Results.Row("limit.redis.p16." + t[0], "Redis " + t[0] + ", pipeline 16",
                    r == null ? Double.NaN : r.rps(), "ops/s", null, null, null, null,
                    r == null ? "failed" : latency(r), shownRedis(16, n, t[1])));
        }
        Double p16 = c.results.value("limit.redis.p16.HINCRBY");
        int single = Math.max(10_000, n / 2);
        RedisBenchmarkResult r = redisBenchmark(1, single, tests[4][1]);
        double v = r == null ? Double.NaN : r.rps();
        c.results.add(s, new Results.Row("limit.redis.p1.HINCRBY", "Redis HINCRBY, no pipelining (one command per "
                + "round trip)", v, "ops/s", "HINCRBY pipeline 16", p16, "ops/s", Results.ratioOf(v, p16),
                r == null ? "failed" : latency(r) + "; pipelining gain " + (p16 == null || v == 0 || Double.isNaN(v)
                        ? "n/a" : Results.ratio(p16 / v)),
                shownRedis(1, single, tests[4][1])));
        try (Resp redis = c.redis()) {
            redis.unlinkMatching(c.scratch + "*");
        }
    }

    /** Runs redis-benchmark on one command; null (and a warning) when it fails. */
    RedisBenchmarkResult redisBenchmark(int pipeline, int requests, String command) throws Exception {
        return redisBenchmark(pipeline, requests, command, 100_000);
    }

    /** The same, with {@code __rand_int__} drawn below {@code range}. */
    RedisBenchmarkResult redisBenchmark(int pipeline, int requests, String command, int range) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-h", c.o.redisHost, "-p",
                Integer.toString(c.o.redisPort), "-n", Integer.toString(requests), "-r", Integer.toString(range), "-P",
                Integer.toString(pipeline), "--csv"));
        cmd.addAll(List.of(command.split(" ")));
        Ctx.ProcResult r = c.run(cmd, Duration.ofMinutes(3));
        List<RedisBenchmarkResult> parsed = ToolOutput.redisBenchmark(r.output());
        if (r.exit() != 0 || parsed.isEmpty()) {
            c.results.warn("redis-benchmark " + command + " failed (exit " + r.exit() + "): " + tail(r.output()));
            return null;
        }
        return parsed.get(0);
    }

    String shownRedis(int pipeline, int requests, String command) {
        return "redis-benchmark -n " + requests + " -r 100000 -P " + pipeline + " --csv " + command;
    }

    static String latency(RedisBenchmarkResult r) {
        return String.format(Locale.ROOT, "latency p50 %.3f ms, p99 %.3f ms", r.p50Ms(), r.p99Ms());
    }

    static String tail(String text) {
        String t = text.strip();
        return t.length() <= 400 ? t : "…" + t.substring(t.length() - 400);
    }
}
