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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * While tens of thousands of events stream in through the gateway, kills (SIGKILL) and restarts the ingest,
 * scoring and ranking services in turn, restarts the Kafka broker and restarts Redis; then every event the client
 * had to send is on every board exactly once. The client behaves as the API asks: it retries a batch with the same
 * event ids until it gets 202, and every answer it got meanwhile was 503 problem+json. Readiness goes down while
 * a dependency is down and comes back without anyone touching the services. Runs on its own broker and Redis
 * ({@link FaultStack}) so breaking them cannot disturb the other tests. Year 2012; report in target/fault.
 */
@ExtendWith(Stack.class) // the shared stack resets the ranking tables once, before this stack uses them
class FaultRecoveryTest {

    private static final int ENTITIES = 30;
    private static final int EVENTS = Integer.getInteger("caimei.fault.events", 36_000);
    private static final int BATCH = 150;
    private static final String DAY = "2012-06-15";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FaultStack stack;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger batchesDone = new AtomicInteger();
    private final List<String> report = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startPrivateStack() throws Exception {
        stack = new FaultStack();
        stack.start();
    }

    @AfterAll
    static void stopPrivateStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyEventIsCountedExactlyOnceAcrossCrashesAndRestartsOfEveryComponent() throws Exception {
        long[] expected = new long[ENTITIES];
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < EVENTS; from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(EVENTS, from + BATCH); i++) {
                int entity = (i * 7 + i / 11) % ENTITIES;
                expected[entity]++;
                batch.add(Map.of("eventId", "fault-" + i, "source", "fault", "channel", "MIGU_APP", "indicator", "E5",
                        "entityType", "CONTENT", "entityId", entity(entity), "occurredAt", DAY + "T10:00:00+08:00",
                        "userKey", "viewer-" + (i % 97), "delta", 1));
            }
            batches.add(JSON.writeValueAsString(batch));
        }
        ExecutorService client = Executors.newSingleThreadExecutor();
        long t0 = System.nanoTime();
        Future<?> streaming = client.submit(() -> {
            for (int b = 0; b < batches.size(); b++) {
                long started = System.nanoTime();
                send(batches.get(b));
                // a client that retries on its own now and then: the copy must not count
                if (b % 40 == 7) {
                    send(batches.get(b));
                }
                batchesDone.incrementAndGet();
                long spent = (System.nanoTime() - started) / 1_000_000;
                Thread.sleep(Math.max(0, 400 - spent)); // a steady ~375 events/s
            }
            return null;
        });

        int step = batches.size() / 6;
        awaitBatches(step, streaming);
        crashAndRestart("ingest-service", t0);
        awaitBatches(2 * step, streaming);
        crashAndRestart("scoring-service", t0);
        awaitBatches(3 * step, streaming);
        crashAndRestart("ranking-service", t0);
        awaitBatches(4 * step, streaming);
        outage("Kafka broker", t0, () -> {
            stack.stopKafka();
            awaitNotReady("ingest-service");
            // a batch is now stuck in ingest waiting for Kafka, its ids reserved; crash ingest under it, so the
            // client's retry meets reservations whose events never reached Kafka
            Thread.sleep(2000);
            stack.kill("ingest-service");
            Thread.sleep(4000);
            stack.startKafka();
            stack.restart("ingest-service");
            stack.awaitReady("ingest-service");
        });
        awaitBatches(5 * step, streaming);
        outage("Redis", t0, () -> stack.restartRedis(Duration.ofSeconds(8)));
        streaming.get();
        client.shutdown();
        note(String.format("stream of %d events in %d batches done after %.1f s", EVENTS, batches.size(),
                (System.nanoTime() - t0) / 1e9));

        // every answer was either 202 or a 503 problem the client retried on; nothing else, no broken connection
        assertEquals(List.of(), unexpected, "answers other than 202 or 503 problem+json");
        for (String module : List.of("gateway", "ingest-service", "scoring-service", "ranking-service")) {
            awaitReadyOnItsOwn(module);
        }

        String token = Tokens.user("analyst");
        for (int e = 0; e < ENTITIES; e++) {
            awaitCount(token, entity(e), DAY, expected[e], Duration.ofSeconds(180));
        }
        Thread.sleep(3000); // a double count from a redelivery would show up once the backlog is gone
        long total = 0;
        for (int e = 0; e < ENTITIES; e++) {
            for (String period : List.of(DAY, "2012-W24", "2012-06", "2012")) {
                assertEquals(expected[e], plays(token, entity(e), period), entity(e) + " in " + period);
            }
            total += expected[e];
        }
        assertEquals(EVENTS, total, "nothing accepted is lost");
        assertBoardShowsExactCounts(token, expected);
        note("answers seen by the client: " + new TreeMap<>(answers));
        double resent = stack.metric("ingest-service", "caimei_events_resent_total");
        note("records resent by ingest because the crashed attempt never confirmed them: " + (long) resent);
        assertTrue(resent > 0, "the retry after the crash under a stuck batch was resent, not taken for a duplicate");
        writeReport();
    }

    private static String entity(int e) {
        return String.format("fault-%02d", e);
    }

    // ---- the client

    /** Posts one batch until it is accepted; records every answer. */
    private void send(String body) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/v1/events"))
                        .timeout(Duration.ofSeconds(75)).header("Authorization", Tokens.bearer(Tokens.channels()))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                String type = r.headers().firstValue("Content-Type").orElse("");
                count(r.statusCode() + (r.statusCode() == 202 ? "" : " " + type));
                if (r.statusCode() == 202) {
                    JsonNode report = JSON.readTree(r.body());
                    if (report.path("rejected").size() > 0) {
                        unexpected.add("records rejected: " + r.body());
                    }
                    return;
                }
                if (r.statusCode() != 503 || !type.startsWith("application/problem+json")) {
                    unexpected.add(r.statusCode() + " " + type + " " + r.body());
                }
            } catch (IOException e) {
                count("io:" + e.getClass().getSimpleName());
                unexpected.add("connection failed: " + e.getClass().getSimpleName());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("a batch was never accepted within 4 minutes");
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
    }

    private void awaitBatches(int n, Future<?> streaming) throws Exception {
        while (batchesDone.get() < n) {
            if (streaming.isDone()) {
                streaming.get(); // surfaces the client's failure
                return;
            }
            Thread.sleep(100);
        }
    }

    // ---- faults

    private void crashAndRestart(String module, long t0) throws Exception {
        long at = System.nanoTime();
        stack.kill(module);
        assertEquals(-1, stack.readiness(module), module + " is gone");
        Thread.sleep(2000);
        stack.restart(module);
        stack.awaitReady(module);
        note(String.format("t=%5.1f s  kill -9 %s: ready again %.1f s after the kill (batches done: %d)",
                (at - t0) / 1e9, module, (System.nanoTime() - at) / 1e9, batchesDone.get()));
    }

    /** Takes a dependency away: every service that needs it reports not ready, then ready again on its own. */
    private void outage(String what, long t0, Action restart) throws Exception {
        long at = System.nanoTime();
        Set<String> sawDown = ConcurrentHashMap.newKeySet();
        List<String> watched = List.of("ingest-service", "scoring-service", "ranking-service");
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (String m : watched) {
                    // 503 DOWN, or no answer within the probe's timeout: either way not ready
                    if (stack.readiness(m) != 200) {
                        sawDown.add(m);
                    }
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        restart.run();
        for (String m : watched) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (stack.readiness(m) != 200) {
                assertTrue(System.nanoTime() < deadline, m + " not ready 120 s after " + what + " came back");
                Thread.sleep(300);
            }
        }
        watcher.interrupt();
        watcher.join();
        note(String.format("t=%5.1f s  %s restarted: readiness went DOWN on %s, all ready %.1f s after the stop"
                + " (batches done: %d)", (at - t0) / 1e9, what, new java.util.TreeSet<>(sawDown),
                (System.nanoTime() - at) / 1e9, batchesDone.get()));
        assertEquals(Set.copyOf(watched), sawDown, "readiness DOWN while " + what + " was down");
    }

    /**
     * Ready again without anyone touching it. A consumer that met one late failure from the outage (a Redis
     * command timed out on a loaded machine) is unready until its restart delay has passed, so one probe is not
     * enough; a minute is.
     */
    private void awaitReadyOnItsOwn(String module) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        while ((status = stack.readiness(module)) != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertEquals(200, status, module + " ready again without manual steps");
    }

    private void awaitNotReady(String module) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stack.readiness(module) == 200) {
            assertTrue(System.nanoTime() < deadline, module + " still ready 60 s into the outage");
            Thread.sleep(300);
        }
    }

    /** A step that may throw. */
    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    // ---- checks

    private JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", Tokens.bearer(token)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    private long plays(String token, String entity, String period) throws Exception {
        JsonNode j = get(token, "/api/v1/entities/" + entity + "/periods/" + period + "/explanation");
        return j == null ? -1 : j.path("raw").path("E5").asLong(-1);
    }

    private void awaitCount(String token, String entity, String period, long want, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = plays(token, entity, period);
            if (last >= want) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(entity + " " + period + " reached " + last + " of " + want);
    }

    private void assertBoardShowsExactCounts(String token, long[] expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode board = null;
        while (System.nanoTime() < deadline) {
            board = get(token, "/api/v1/boards/content-heat/periods/" + DAY + "?limit=" + ENTITIES);
            if (board != null && board.path("total").asInt() == ENTITIES && Expected.scoresMatch(board, expected, "fault-")) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(board != null && board.path("total").asInt() == ENTITIES, "all entities on the board: " + board);
        int previousRank = 0;
        double previousScore = Double.MAX_VALUE;
        for (int i = 0; i < ENTITIES; i++) {
            JsonNode entry = board.path("entries").get(i);
            int e = Integer.parseInt(entry.path("entityId").asText().substring("fault-".length()));
            assertEquals(Expected.playsIndex(expected[e]), entry.path("score").asDouble(), 1e-9, entry.toString());
            double s = entry.path("score").asDouble();
            int rank = entry.path("rank").asInt();
            assertEquals(s == previousScore ? previousRank : i + 1, rank, "competition rank of " + entry);
            previousRank = rank;
            previousScore = s;
        }
    }

    private void note(String line) {
        report.add(line);
        System.out.println(line);
    }

    private void writeReport() throws IOException {
        Path out = FaultStack.dir().resolve("fault-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
    }
}
