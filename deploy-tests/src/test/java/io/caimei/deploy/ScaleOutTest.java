package io.caimei.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chart's production shape scaled out: two pods of every Deployment, a Redis Cluster of three masters with a
 * replica each, topics of 12 partitions. 30 000 events through both gateways over three days while a scoring and a
 * ranking pod are killed with SIGKILL and restarted (consumer-group rebalances) and 1 000 hash slots move to another
 * master (MOVED/ASK while clients run). Afterwards every count is exact on each day, the week, the month and the
 * year; the boards are the formula of those counts with competition ranks; the two days that closed during the run
 * are frozen identically whichever ranking pod answers; and a rebuild from Kafka reproduces every count.
 * Report: {@code target/scale-out/scale-out-report.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENTITIES = 30;
    private static final int PER_DAY = 10_000;
    private static final int BATCH = 500;
    private static final List<String> DAYS = List.of("2019-07-01", "2019-07-02", "2019-07-03");
    private static final List<String> SPANS = List.of("2019-W27", "2019-07", "2019");
    private final long[][] expected = new long[DAYS.size()][ENTITIES];
    private final List<String> report = new ArrayList<>();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    private ChartRun run;
    private String admin;
    private String analyst;

    @BeforeAll
    void startTwoPodsOfEveryDeployment() throws Exception {
        long t0 = System.nanoTime();
        run = ChartRun.start(Path.of(System.getProperty("caimei.scale-out.dir", "target/scale-out")).toAbsolutePath(), 2);
        note(String.format("two pods of each Deployment ready after %.0f s", (System.nanoTime() - t0) / 1e9));
        admin = run.userToken("admin");
        analyst = run.userToken("analyst");
        StringBuilder catalog = new StringBuilder("[");
        for (int e = 0; e < ENTITIES; e++) {
            catalog.append(e > 0 ? "," : "").append("{\"id\":\"").append(entity(e))
                    .append("\",\"type\":\"CONTENT\",\"name\":\"扩容 ").append(e).append("\"}");
        }
        HttpResponse<String> put = send(0, "POST", "/api/v1/catalog/entities", admin, catalog + "]");
        assertEquals(200, put.statusCode(), put.body());
    }

    @AfterAll
    void stop() throws IOException {
        if (run != null) {
            run.close();
            Path out = run.dir.resolve("scale-out-report.txt");
            Files.writeString(out, String.join("\n", report) + "\n");
        }
    }

    private static String entity(int e) {
        return String.format("scale-%02d", e);
    }

    /** The standard profile's index of an entity whose only indicator is n plays (E5: C2 0.5 × D3 0.7 × 0.35). */
    private static double score(long plays) {
        return 10 * Math.pow(0.5 * 0.7 * 0.35 * Math.log1p(plays), 2);
    }

    private HttpResponse<String> send(int gateway, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(run.podUrl("gateway", gateway) + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return run.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String base, String path, String token) throws Exception {
        HttpResponse<String> r = run.http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    /** One day's events in batches, the odd batches through the second gateway; 503s are retried as the API asks. */
    private List<String> day(int d) throws Exception {
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < PER_DAY; from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < from + BATCH; i++) {
                int e = (i * 7 + i / 11 + d * 5) % ENTITIES;
                expected[d][e]++;
                batch.add(Map.of("eventId", "scale-" + d + "-" + i, "source", "scale-out", "channel", "MIGU_APP",
                        "indicator", "E5", "entityType", "CONTENT", "entityId", entity(e),
                        "occurredAt", DAYS.get(d) + "T10:00:00+08:00", "userKey", "viewer-" + (i % 97), "delta", 1));
            }
            batches.add(JSON.writeValueAsString(batch));
        }
        return batches;
    }

    /** Streams batches on two threads, one per gateway; returns once every batch was answered 202. */
    private void stream(List<String> batches, AtomicInteger done) throws Exception {
        String channels = run.channelsToken();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> futures = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            int gateway = g;
            futures.add(clients.submit(() -> {
                for (int b = gateway; b < batches.size(); b += 2) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                    while (true) {
                        HttpResponse<String> r;
                        try {
                            r = send(gateway, "POST", "/api/v1/events", channels, batches.get(b));
                        } catch (IOException e) {
                            r = null;
                        }
                        if (r != null && r.statusCode() == 202) {
                            if (!JSON.readTree(r.body()).path("rejected").isEmpty()) {
                                unexpected.add("rejected: " + r.body());
                            }
                            break;
                        }
                        if (r != null && r.statusCode() != 503) {
                            unexpected.add(r.statusCode() + " " + r.body());
                            break;
                        }
                        if (System.nanoTime() > deadline) {
                            unexpected.add("batch " + b + " never accepted");
                            break;
                        }
                        Thread.sleep(500);
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        clients.shutdown();
    }

    private void awaitDone(AtomicInteger done, int want) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (done.get() < want && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private long plays(String entity, String period) throws Exception {
        JsonNode e = get(run.podUrl("gateway", 0), "/api/v1/entities/" + entity + "/periods/" + period + "/explanation",
                analyst);
        return e == null ? -1 : e.path("raw").path("E5").asLong();
    }

    private long[] expectedFor(String period) {
        long[] want = new long[ENTITIES];
        for (int d = 0; d < DAYS.size(); d++) {
            if (!DAYS.contains(period) || DAYS.get(d).equals(period)) {
                for (int e = 0; e < ENTITIES; e++) {
                    want[e] += expected[d][e];
                }
            }
        }
        return want;
    }

    /** Waits until every entity's count in the period equals what was sent (bounded). */
    private void awaitCounts(String period, long[] want, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        for (int e = 0; e < ENTITIES; e++) {
            long last = -1;
            while (System.nanoTime() < deadline && (last = plays(entity(e), period)) != want[e]) {
                Thread.sleep(500);
            }
            assertEquals(want[e], last, entity(e) + " in " + period);
        }
    }

    /** The board of a period on one ranking pod: every entity, the formula's score, competition ranks. */
    private JsonNode assertBoard(String rankingBase, String period, long[] want) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode board = null;
        while (System.nanoTime() < deadline) {
            board = get(rankingBase, "/v1/boards/content-heat/periods/" + period + "?limit=" + ENTITIES, analyst);
            if (board != null && board.path("total").asInt() == ENTITIES && scoresMatch(board, want)) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(board != null && board.path("total").asInt() == ENTITIES, period + ": " + board);
        int previousRank = 0;
        double previousScore = Double.MAX_VALUE;
        for (int i = 0; i < ENTITIES; i++) {
            JsonNode entry = board.path("entries").get(i);
            int e = Integer.parseInt(entry.path("entityId").asText().substring("scale-".length()));
            assertEquals(score(want[e]), entry.path("score").asDouble(), 1e-9, period + " " + entry);
            double s = entry.path("score").asDouble();
            int rank = entry.path("rank").asInt();
            assertEquals(s == previousScore ? previousRank : i + 1, rank, "competition rank in " + period + " of " + entry);
            previousRank = rank;
            previousScore = s;
        }
        return board;
    }

    private static boolean scoresMatch(JsonNode board, long[] want) {
        for (JsonNode entry : board.path("entries")) {
            int e = Integer.parseInt(entry.path("entityId").asText().substring("scale-".length()));
            if (Math.abs(entry.path("score").asDouble() - score(want[e])) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    /** Moves 1000 slots from the first master to the second while clients run (redis-cli migrates key by key). */
    private void reshard() throws Exception {
        String adminPassword = run.secrets.get("caimei-redis").get("admin");
        List<String> masterIds = new ArrayList<>();
        for (String master : run.redisMasters()) {
            masterIds.add(run.redisAt(master, "admin", adminPassword, "CLUSTER", "MYID"));
        }
        Process p = new ProcessBuilder("timeout", "120", "redis-cli", "--no-auth-warning", "--user", "admin", "--pass",
                adminPassword, "--cluster", "reshard", run.redisMasters().get(0) + ":6379", "--cluster-from", masterIds.get(0),
                "--cluster-to", masterIds.get(1), "--cluster-slots", "1000", "--cluster-yes", "--cluster-pipeline", "50")
                .redirectErrorStream(true).redirectOutput(run.dir.resolve("reshard.log").toFile()).start();
        assertEquals(0, p.waitFor(), "reshard failed; see " + run.dir.resolve("reshard.log"));
    }

    private void note(String line) {
        report.add(line);
        System.out.println("[scale-out] " + line);
    }

    @Test
    void countsBoardsFrozenDaysAndARebuildAreExactAcrossKillsRebalancesAndASlotMigration() throws Exception {
        long t0 = System.nanoTime();
        // day 1, with a scoring pod killed and restarted in the middle (its partitions move to the other pod and back)
        List<String> day1 = day(0);
        AtomicInteger done = new AtomicInteger();
        ExecutorService side = Executors.newSingleThreadExecutor();
        Future<?> crash = side.submit(() -> {
            awaitDone(done, day1.size() / 2);
            run.kill("scoring-service", 1);
            note(String.format("%.1f s: scoring pod 1 killed (SIGKILL) after %d batches", (System.nanoTime() - t0) / 1e9, done.get()));
            run.startReplica("scoring-service", 1);
            run.awaitReady("scoring-service", 1);
            note(String.format("%.1f s: scoring pod 1 ready again", (System.nanoTime() - t0) / 1e9));
            return null;
        });
        long s1 = System.nanoTime();
        stream(day1, done);
        crash.get();
        note(String.format("day 1: %d events through two gateways in %.1f s", PER_DAY, (System.nanoTime() - s1) / 1e9));
        awaitCounts(DAYS.get(0), expected[0], Duration.ofSeconds(180));

        // day 2 closes day 1; a ranking pod is killed and 1000 slots move to another master meanwhile
        List<String> day2 = day(1);
        AtomicInteger done2 = new AtomicInteger();
        Future<?> chaos = side.submit(() -> {
            awaitDone(done2, day2.size() / 3);
            run.kill("ranking-service", 0);
            note(String.format("%.1f s: ranking pod 0 killed (SIGKILL)", (System.nanoTime() - t0) / 1e9));
            reshard();
            note(String.format("%.1f s: 1000 slots moved between masters under load", (System.nanoTime() - t0) / 1e9));
            run.startReplica("ranking-service", 0);
            run.awaitReady("ranking-service", 0);
            note(String.format("%.1f s: ranking pod 0 ready again", (System.nanoTime() - t0) / 1e9));
            return null;
        });
        long s2 = System.nanoTime();
        stream(day2, done2);
        chaos.get();
        note(String.format("day 2: %d events in %.1f s", PER_DAY, (System.nanoTime() - s2) / 1e9));
        awaitCounts(DAYS.get(1), expected[1], Duration.ofSeconds(180));

        // day 3 closes day 2
        long s3 = System.nanoTime();
        stream(day(2), new AtomicInteger());
        note(String.format("day 3: %d events in %.1f s (%.0f events/s offered through two gateways)", PER_DAY,
                (System.nanoTime() - s3) / 1e9, PER_DAY / ((System.nanoTime() - s3) / 1e9)));
        awaitCounts(DAYS.get(2), expected[2], Duration.ofSeconds(180));
        note(String.format("day 3: every count exact %.1f s after its first event", (System.nanoTime() - s3) / 1e9));
        side.shutdown();
        assertEquals(List.of(), unexpected, "answers other than 202 or a retried 503");

        Map<String, long[]> periods = new LinkedHashMap<>();
        DAYS.forEach(d -> periods.put(d, expectedFor(d)));
        SPANS.forEach(p -> periods.put(p, expectedFor(p)));
        for (Map.Entry<String, long[]> p : periods.entrySet()) {
            awaitCounts(p.getKey(), p.getValue(), Duration.ofSeconds(180));
        }
        note("every count exact on " + periods.keySet());
        // a killed consumer's partitions wait for its session to time out before they move: allow for that
        for (String closedDay : DAYS.subList(0, 2)) {
            for (int r = 0; r < 2; r++) {
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                JsonNode board = null;
                while (System.nanoTime() < deadline && (board == null || !board.path("closed").asBoolean())) {
                    Thread.sleep(1000);
                    board = get(run.podUrl("ranking-service", r), "/v1/boards/content-heat/periods/" + closedDay + "?limit=1",
                            analyst);
                }
                assertTrue(board != null && board.path("closed").asBoolean(), closedDay + " frozen on ranking pod " + r);
            }
        }
        note(String.format("%.1f s: both closed days frozen on both ranking pods", (System.nanoTime() - t0) / 1e9));
        Map<String, JsonNode> frozen = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> p : periods.entrySet()) {
            JsonNode first = assertBoard(run.podUrl("ranking-service", 0), p.getKey(), p.getValue());
            JsonNode second = assertBoard(run.podUrl("ranking-service", 1), p.getKey(), p.getValue());
            assertEquals(first.path("entries"), second.path("entries"), p.getKey() + ": both ranking pods answer alike");
            if (!p.getKey().equals(DAYS.get(2)) && DAYS.contains(p.getKey())) {
                assertTrue(first.path("closed").asBoolean() && second.path("closed").asBoolean(), p.getKey() + " closed: " + first);
                frozen.put(p.getKey(), first.path("entries"));
            }
        }
        note("boards = formula of the counts with competition ranks on both ranking pods; frozen " + frozen.keySet());

        // rebuild from Kafka with one scoring pod, as the README asks
        run.kill("scoring-service", 1);
        HttpResponse<String> rebuild = run.http.send(HttpRequest.newBuilder(URI.create(run.podUrl("scoring-service", 0)
                + "/v1/admin/rebuild")).header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, rebuild.statusCode(), rebuild.body());
        long r0 = System.nanoTime();
        note("rebuild: " + rebuild.body());
        for (Map.Entry<String, long[]> p : periods.entrySet()) {
            awaitCounts(p.getKey(), p.getValue(), Duration.ofSeconds(240));
        }
        note(String.format("rebuild from Kafka reproduced every count in %.1f s", (System.nanoTime() - r0) / 1e9));
        for (Map.Entry<String, JsonNode> f : frozen.entrySet()) {
            JsonNode again = get(run.podUrl("ranking-service", 1), "/v1/boards/content-heat/periods/" + f.getKey()
                    + "?limit=" + ENTITIES, analyst);
            assertEquals(f.getValue(), again.path("entries"), f.getKey() + " stays frozen through the rebuild");
        }
        run.startReplica("scoring-service", 1);
        run.awaitReady("scoring-service", 1);
    }
}
