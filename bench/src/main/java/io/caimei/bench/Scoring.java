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

    static final String BACKLOG = "scoring.backlog";

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
                + " canonical events (keyed by entity, acks=all, like ingest but uncompressed) straight to `" + topic + "`, and "
                + "samples the counter every 200 ms until it grew by that many. The figure is events applied per "
                + "second from the first write to the last applied event; each event updates its day, week, month "
                + "and year aggregates. The limit is Redis' pipelined HINCRBY rate (the scorer's work is Redis-"
                + "bound by design, merged per consumer batch into one Lua call per partition). Other traffic on "
                + "the scorer during the window would inflate the figure.");
        s.commands.add("curl -s " + c.o.scoring + "/q/metrics | grep " + Ctx.APPLIED_METRIC);
        waitIdle();
        double start = c.appliedCounter();
        if (Double.isNaN(start)) {
            c.results.warn("scoring metrics unavailable at " + c.o.scoring + "/q/metrics; no scoring figure");
            return;
        }
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
        long t0 = System.nanoTime();
        double produceSeconds;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            StringBuilder sb = new StringBuilder(320);
            for (int i = 0; i < n; i++) {
                String entity = "bench-c" + rnd.nextInt(c.o.entities);
                sb.setLength(0);
                sb.append("{\"eventId\":\"bench-").append(c.runId).append("-k-").append(i)
                        .append("\",\"source\":\"bench\",\"channel\":\"MIGU_APP\",\"network\":\"INTERNET\",")
                        .append("\"indicator\":\"E5\",\"entityType\":\"CONTENT\",\"entityId\":\"").append(entity)
                        .append("\",\"attributedFrom\":null,\"occurredAt\":\"").append(c.occurredAt(i))
                        .append("\",\"userKey\":\"viewer-").append(rnd.nextInt(1000)).append("\",\"delta\":1}");
                producer.send(new ProducerRecord<>(topic, entity, sb.toString()));
            }
            producer.flush();
            produceSeconds = (System.nanoTime() - t0) / 1e9;
        }
        double last = start;
        long lastGrowth = System.nanoTime();
        long doneAt = -1;
        while (System.nanoTime() - t0 < 300e9) {
            Ctx.sleep(200);
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
        double seconds = ((doneAt > 0 ? doneAt : lastGrowth) - t0) / 1e9;
        double rate = applied / seconds;
        if (doneAt < 0) {
            c.results.warn(String.format(Locale.ROOT, "scoring applied only %,.0f of %,d backlog events (are "
                    + "events for %s late, i.e. is the day closed?)", applied, n, c.day));
        }
        Double hincr = c.results.value("limit.redis.p16.HINCRBY");
        Double pp = c.results.value(Limits.KAFKA_PP);
        c.results.add(s, new Results.Row(BACKLOG, "Scoring: backlog consumed (events applied/s)", rate, "events/s",
                "Redis HINCRBY pipeline 16", hincr, "ops/s", Results.ratioOf(rate, hincr),
                String.format(Locale.ROOT, "%,.0f events applied in %.1f s (written to Kafka in %.1f s); "
                        + "%.2f× Kafka durable produce", applied, seconds, produceSeconds,
                        pp == null ? Double.NaN : rate / pp),
                null));
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
