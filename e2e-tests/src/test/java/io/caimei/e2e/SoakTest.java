package io.caimei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A bounded soak: a steady stream through the gateway for a few minutes (default 150 s at 500 events/s, 2 % of
 * records invalid), sampled every 5 s for accepted and rejected records, request latency, the scorer's and the
 * ranking consumer's lag and the services' memory. Writes {@code target/soak/soak-report.md} (and .json) and
 * asserts that nothing was lost: every valid record is counted exactly, every invalid one rejected, the lag drains.
 * Year 2011. {@code -Dcaimei.soak.seconds} and {@code -Dcaimei.soak.rate} make it longer or faster.
 */
@ExtendWith(Stack.class)
class SoakTest {

    private static final int SECONDS = Integer.getInteger("caimei.soak.seconds", 150);
    private static final int RATE = Integer.getInteger("caimei.soak.rate", 500);
    private static final int BATCH = 100;
    private static final int INVALID_PER_BATCH = 2;
    private static final int ENTITIES = 50;
    private static final String DAY = "2011-03-15";
    private static final List<String> SERVICES = List.of("gateway", "ingest-service", "scoring-service",
            "ranking-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedRequests = new AtomicLong();
    private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void aSteadyStreamForMinutesLosesNothingAndTheLagDrains() throws Exception {
        long[] expected = new long[ENTITIES];
        int batches = SECONDS * RATE / BATCH;
        long intervalNanos = 1_000_000_000L * BATCH / RATE;
        List<Map<String, Object>> samples = new ArrayList<>();
        String token = Tokens.channels();
        long t0 = System.nanoTime();
        long nextSample = t0;
        int sentValid = 0;
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> batch = new ArrayList<>(BATCH);
            for (int k = 0; k < BATCH - INVALID_PER_BATCH; k++) {
                int i = b * BATCH + k;
                int entity = (i * 13 + i / 17) % ENTITIES;
                expected[entity]++;
                batch.add(Map.of("eventId", "soak-" + i, "source", "soak", "channel", "MIGU_APP", "indicator", "E5",
                        "entityType", "CONTENT", "entityId", entity(entity), "occurredAt", DAY + "T09:00:00+08:00",
                        "userKey", "listener-" + (i % 1009), "delta", 1));
            }
            sentValid += BATCH - INVALID_PER_BATCH;
            // the bad records a real feed carries: an unknown indicator and a negative play count
            batch.add(Map.of("eventId", "soak-bad-a-" + b, "source", "soak", "channel", "MIGU_APP", "indicator", "E99",
                    "entityType", "CONTENT", "entityId", entity(0), "occurredAt", DAY + "T09:00:00+08:00",
                    "userKey", "x", "delta", 1));
            batch.add(Map.of("eventId", "soak-bad-d-" + b, "source", "soak", "channel", "MIGU_APP", "indicator", "E5",
                    "entityType", "CONTENT", "entityId", entity(1), "occurredAt", DAY + "T09:00:00+08:00",
                    "userKey", "x", "delta", -3));
            post(token, JSON.writeValueAsString(batch));
            if (System.nanoTime() >= nextSample) {
                samples.add(sample(t0, "stream"));
                nextSample += 5_000_000_000L;
            }
            long due = t0 + (b + 1) * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        double streamSeconds = (System.nanoTime() - t0) / 1e9;
        long drainStart = System.nanoTime();
        Map<String, Object> last = sample(t0, "drain");
        samples.add(last);
        while ((long) last.get("scorerLag") > 0 || (long) last.get("rankingLag") > 0) {
            assertTrue(System.nanoTime() - drainStart < Duration.ofSeconds(120).toNanos(),
                    "lag did not drain within 120 s: " + last);
            Thread.sleep(1000);
            last = sample(t0, "drain");
            samples.add(last);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

        assertEquals(0, failedRequests.get(), "requests that did not answer 202");
        assertEquals(sentValid, accepted.get(), "every valid record accepted");
        assertEquals((long) batches * INVALID_PER_BATCH, rejected.get(), "every invalid record rejected");
        for (int e = 0; e < ENTITIES; e++) {
            long want = expected[e];
            var j = Api.awaitExplanation(entity(e), DAY, x -> x.getLong("raw.E5") >= want, Duration.ofSeconds(60));
            assertEquals(want, j.getLong("raw.E5"), entity(e) + " counted exactly");
        }
        assertEquals(sentValid, Arrays.stream(expected).sum());
        Api.awaitBoard("content-heat", DAY, 1, r -> r.jsonPath().getInt("total") == ENTITIES, Duration.ofSeconds(30));
        writeReport(samples, batches, sentValid, streamSeconds, drainSeconds);
        assertTrue(sentValid / streamSeconds >= RATE * 0.5, "the stream kept at least half its rate");
    }

    private static String entity(int e) {
        return String.format("soak-%02d", e);
    }

    private void post(String token, String body) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(Stack.gateway() + "/api/v1/events"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", Tokens.bearer(token))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        latencies.add((System.nanoTime() - started) / 1000);
        if (r.statusCode() != 202) {
            failedRequests.incrementAndGet();
            return;
        }
        JsonNode report = JSON.readTree(r.body());
        accepted.addAndGet(report.path("accepted").asLong());
        rejected.addAndGet(report.path("rejected").size());
    }

    // ---- sampling

    private Map<String, Object> sample(long t0, String phase) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("t", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
        s.put("phase", phase);
        s.put("accepted", accepted.get());
        s.put("rejected", rejected.get());
        List<Long> lat;
        synchronized (latencies) {
            lat = new ArrayList<>(latencies);
            latencies.clear();
        }
        lat.sort(null);
        s.put("requests", lat.size());
        s.put("p50ms", lat.isEmpty() ? 0 : lat.get(lat.size() / 2) / 1000.0);
        s.put("p99ms", lat.isEmpty() ? 0 : lat.get(Math.min(lat.size() - 1, (int) (lat.size() * 0.99))) / 1000.0);
        long[] lags = lags();
        s.put("scorerLag", lags[0]);
        s.put("rankingLag", lags[1]);
        for (String m : SERVICES) {
            s.put("rssMiB." + m, rssMiB(Stack.pid(m)));
        }
        try (RedisText redis = new RedisText()) {
            String info = redis.simple("INFO", "memory");
            s.put("redisMiB", info.lines().filter(l -> l.startsWith("used_memory:")).findFirst()
                    .map(l -> Long.parseLong(l.substring("used_memory:".length()).trim()) / (1024 * 1024)).orElse(-1L));
        }
        return s;
    }

    /** Records not yet applied by the scorer (Redis applied offsets) and not yet consumed by ranking (its group). */
    private long[] lags() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", Stack.KAFKA);
        String events = Stack.topicPrefix() + "caimei.events.v1";
        String scores = Stack.topicPrefix() + "caimei.scores.v1";
        String keys = Stack.REDIS_PREFIX_BASE + "-" + Stack.runId() + "-scoring-service";
        try (Admin admin = Admin.create(p); RedisText redis = new RedisText()) {
            Map<TopicPartition, OffsetSpec> ask = new LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                ask.put(new TopicPartition(events, i), OffsetSpec.latest());
                ask.put(new TopicPartition(scores, i), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(ask).all().get();
            long scorer = 0;
            for (int i = 0; i < 6; i++) {
                Object applied = redis.call("GET", keys + ":{p" + i + "}:off");
                long next = applied == null ? 0 : Long.parseLong((String) applied) + 1;
                scorer += Math.max(0, ends.get(new TopicPartition(events, i)).offset() - next);
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("caimei-ranking")
                    .partitionsToOffsetAndMetadata().get();
            long ranking = 0;
            for (int i = 0; i < 6; i++) {
                TopicPartition tp = new TopicPartition(scores, i);
                OffsetAndMetadata c = committed.get(tp);
                ranking += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
            }
            return new long[] { scorer, ranking };
        }
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    // ---- report

    private void writeReport(List<Map<String, Object>> samples, int batches, int sentValid, double streamSeconds,
            double drainSeconds) throws IOException {
        Path dir = Stack.root().resolve("e2e-tests/target/soak");
        Files.createDirectories(dir);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("targetRate", RATE);
        summary.put("seconds", SECONDS);
        summary.put("requests", batches);
        summary.put("accepted", accepted.get());
        summary.put("rejected", rejected.get());
        summary.put("achievedRate", Math.round(sentValid / streamSeconds));
        summary.put("maxScorerLag", samples.stream().mapToLong(s -> (long) s.get("scorerLag")).max().orElse(0));
        summary.put("maxRankingLag", samples.stream().mapToLong(s -> (long) s.get("rankingLag")).max().orElse(0));
        summary.put("drainSeconds", Math.round(drainSeconds * 10) / 10.0);
        Files.writeString(dir.resolve("soak-report.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("summary", summary, "samples", samples)));
        StringBuilder md = new StringBuilder("# Soak report\n\n");
        summary.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n| t (s) | phase | accepted | rejected | req | p50 ms | p99 ms | scorer lag | ranking lag |");
        SERVICES.forEach(m -> md.append(' ').append(m).append(" MiB |"));
        md.append(" Redis MiB |\n|");
        md.append("---|".repeat(9 + SERVICES.size() + 1)).append('\n');
        for (Map<String, Object> s : samples) {
            md.append('|');
            for (String k : List.of("t", "phase", "accepted", "rejected", "requests", "p50ms", "p99ms", "scorerLag",
                    "rankingLag")) {
                md.append(' ').append(s.get(k)).append(" |");
            }
            SERVICES.forEach(m -> md.append(' ').append(s.get("rssMiB." + m)).append(" |"));
            md.append(' ').append(s.get("redisMiB")).append(" |\n");
        }
        Files.writeString(dir.resolve("soak-report.md"), md);
        System.out.println(md);
    }
}
