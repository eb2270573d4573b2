package io.caimei.bench;

import java.util.Locale;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** How fast the scorer consumes a backlog, read from its applied-events counter. */
final class Scoring {

    /** The scorer on its own: the backlog written while it (and the ranking) were stopped. */
    static final String BACKLOG = "scoring.backlog";
    /** Written and consumed at once, with the ranking placing the scores alongside. */
    static final String BACKLOG_LIVE = "scoring.backlog.live";

    private final Ctx c;
    private final Results.Section s;

    Scoring(Ctx c) {
        this.c = c;
        this.s = c.results.section("scoring", "2a. Scoring: events applied per second while a backlog is consumed");
    }

    void run() throws Exception {
        int n = c.o.backlogEvents;
        String topic = c.o.topicPrefix + "caimei.events.v1";
        s.notes.add("First waits until the scorer is idle (its `" + Ctx.APPLIED_METRIC + "` counter in `"
                + c.o.scoring + "/q/metrics` stops growing), then writes " + String.format(Locale.ROOT, "%,d", n)
                + " canonical events (keyed by entity, acks=all, like ingest but uncompressed) straight to `" + topic
                + "`, and samples the counter every 100 ms until it grew by that many. Each event updates its day, "
                + "week, month and year aggregates. The limit is Redis' pipelined HINCRBY rate (the scorer's work is "
                + "Redis-bound by design, merged per consumer batch into one Lua call per partition).");
        s.notes.add("*On its own* (the stage figure): the scoring and ranking services are stopped (SIGSTOP) while "
                + "the backlog is written, the scorer is continued and timed from then to its last applied event, "
                + "and the ranking is continued after that and places the scores late. *Written and consumed at "
                + "once*: the same with nothing stopped, timed from the first write, while the ranking places the "
                + "scores alongside on the same two cores.");
        s.commands.add("curl -s " + c.o.scoring + "/q/metrics | grep " + Ctx.APPLIED_METRIC);
        Double hincr = c.results.value("limit.redis.p16.HINCRBY");
        Double pp = c.results.value(Limits.KAFKA_PP);
        Outcome live = backlog(topic, "k", n, false);
        if (live != null) {
            c.results.add(s, live.row(BACKLOG_LIVE, "Scoring: backlog written and consumed at once, ranking "
                    + "alongside (events applied/s)", hincr, pp));
        }
        if (c.o.scorerPid <= 0) {
            s.notes.add("No `--scorer-pid` was given, so the scorer was not measured on its own.");
            return;
        }
        Outcome alone = backlog(topic, "s", n, true);
        if (alone != null) {
            c.results.add(s, alone.row(BACKLOG, "Scoring: backlog consumed, on its own (events applied/s)", hincr,
                    pp));
        }
    }

    /** One backlog measurement. */
    private record Outcome(double applied, double seconds, double produceSeconds) {

        double rate() {
            return applied / seconds;
        }

        Results.Row row(String id, String figure, Double hincr, Double pp) {
            return new Results.Row(id, figure, rate(), "events/s", "Redis HINCRBY pipeline 16", hincr, "ops/s",
                    Results.ratioOf(rate(), hincr), String.format(Locale.ROOT, "%,.0f events applied in %.1f s "
                            + "(written to Kafka in %.1f s); %.2f× Kafka durable produce", applied, seconds,
                            produceSeconds, pp == null ? Double.NaN : rate() / pp),
                    null);
        }
    }

    /**
     * Writes {@code n} events and waits until the scorer applied them. With {@code alone}, the scorer and the ranking
     * are stopped while they are written, and the time runs from the scorer's continuation.
     */
    private Outcome backlog(String topic, String tag, int n, boolean alone) throws Exception {
        waitIdle();
        double start = c.appliedCounter();
        if (Double.isNaN(start)) {
            c.results.warn("scoring metrics unavailable at " + c.o.scoring + "/q/metrics; no scoring figure");
            return null;
        }
        long t0;
        double produceSeconds;
        try (Stopped stopped = alone ? Stopped.processes(c.o.scorerPid, c.o.rankingPid) : Stopped.processes()) {
            long w0 = System.nanoTime();
            write(topic, tag, n);
            produceSeconds = (System.nanoTime() - w0) / 1e9;
            t0 = w0;
            if (alone) {
                t0 = System.nanoTime();
                stopped.resume(c.o.scorerPid);
            }
            double last = start;
            long lastGrowth = System.nanoTime();
            long doneAt = -1;
            while (System.nanoTime() - t0 < 300e9) {
                Ctx.sleep(100);
                double v = c.appliedCounter();
                if (Double.isNaN(v)) {
                    continue;
                }
                if (v > last) {
                    last = v;
                    lastGrowth = System.nanoTime();
                }
                if (v - start >= n) {
                    doneAt = System.nanoTime();
                    break;
                }
                if (System.nanoTime() - lastGrowth > 30e9) {
                    break;
                }
            }
            double applied = last - start;
            if (doneAt < 0) {
                c.results.warn(String.format(Locale.ROOT, "scoring applied only %,.0f of %,d backlog events (are "
                        + "events for %s late, i.e. is the day closed?)", applied, n, c.day));
            }
            return new Outcome(applied, ((doneAt > 0 ? doneAt : lastGrowth) - t0) / 1e9, produceSeconds);
        }
    }

    /** {@code n} canonical events for random bench entities, acknowledged by Kafka (acks=all). */
    private void write(String topic, String tag, int n) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.o.kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "caimei-bench");
        Random rnd = new Random(7);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            StringBuilder sb = new StringBuilder(320);
            for (int i = 0; i < n; i++) {
                String entity = "bench-c" + rnd.nextInt(c.o.entities);
                sb.setLength(0);
                sb.append("{\"eventId\":\"bench-").append(c.runId).append('-').append(tag).append('-').append(i)
                        .append("\",\"source\":\"bench\",\"channel\":\"MIGU_APP\",\"network\":\"INTERNET\",")
                        .append("\"indicator\":\"E5\",\"entityType\":\"CONTENT\",\"entityId\":\"").append(entity)
                        .append("\",\"attributedFrom\":null,\"occurredAt\":\"").append(c.occurredAt(i))
                        .append("\",\"userKey\":\"viewer-").append(rnd.nextInt(1000)).append("\",\"delta\":1}");
                producer.send(new ProducerRecord<>(topic, entity, sb.toString()));
            }
            producer.flush();
        }
    }

    /** Waits (at most 3 minutes) until the applied counter stops growing for 2 s, e.g. after the ingest load. */
    void waitIdle() {
        long t0 = System.nanoTime();
        double prev = c.appliedCounter();
        int still = 0;
        while (System.nanoTime() - t0 < 180e9 && still < 2) {
            Ctx.sleep(1000);
            double v = c.appliedCounter();
            still = v == prev ? still + 1 : 0;
            prev = v;
        }
        System.out.printf(Locale.ROOT, "[bench] scorer idle after %.1f s (applied counter %,.0f)%n",
                (System.nanoTime() - t0) / 1e9, prev);
    }
}
