package io.caimei.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * While events stream in through the gateway, takes PostgreSQL away for ~10 s, then Keycloak for ~10 s, on a private
 * stack ({@link FaultStack} with a PostgreSQL of its own and a switchable proxy in front of the shared Keycloak).
 * Without PostgreSQL, open boards (Redis) keep answering 200 and ingest keeps accepting, while a closed page not yet
 * in memory, the weight profiles and a catalog write answer 503 problem+json with Retry-After; without Keycloak, tokens
 * issued before keep working (the services verify them with the signing keys they fetched at start) and a forged one
 * is still refused. Both come back without anyone touching the services, and every accepted event is counted exactly
 * once. Year 2025; report in target/outage.
 */
class StoreAndIdentityOutageTest {

    private static final int ENTITIES = 20;
    private static final int EVENTS = Integer.getInteger("caimei.outage.events", 18_000);
    private static final int BATCH = 150;
    private static final String DAY = "2025-03-10";
    private static final String WEEK = "2025-W11";
    private static final String CLOSED_DAY = "2025-03-09";
    private static final int CLOSED_ENTITIES = 12;
    private static final Duration DOWN = Duration.ofSeconds(10);
    private static final String DEPENDENCY_UNAVAILABLE = "https://caimei.io/problems/dependency-unavailable";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FaultStack stack;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, AtomicInteger> ingestAnswers = new ConcurrentHashMap<>();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger batchesDone = new AtomicInteger();
    private final List<String> report = Collections.synchronizedList(new ArrayList<>());
    private String analyst;
    private String admin;
    private String channels;

    @BeforeAll
    static void startPrivateStack() throws Exception {
        stack = new FaultStack(new FaultStack.Options("outage", true, true));
        stack.start();
    }

    @AfterAll
    static void stopPrivateStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void openBoardsServeAndIssuedTokensWorkWhilePostgresAndKeycloakAreAwayAndNothingAcceptedIsLost() throws Exception {
        analyst = passwordToken("analyst");
        admin = passwordToken("admin");
        channels = channelsToken();
        closeADayInPostgres();

        long[] expected = new long[ENTITIES];
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < EVENTS; from += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(EVENTS, from + BATCH); i++) {
                int entity = (i * 7 + i / 13) % ENTITIES;
                expected[entity]++;
                batch.add(event("outage-" + i, entity(entity), DAY, i));
            }
            batches.add(JSON.writeValueAsString(batch));
        }
        ExecutorService client = Executors.newSingleThreadExecutor();
        long t0 = System.nanoTime();
        Future<?> streaming = client.submit(() -> {
            for (String b : batches) {
                long started = System.nanoTime();
                send(b);
                batchesDone.incrementAndGet();
                Thread.sleep(Math.max(0, 400 - (System.nanoTime() - started) / 1_000_000)); // ~375 events/s
            }
            return null;
        });

        awaitBatches(10, streaming);
        // read once while everything is up: the open boards' movement facts are then in Redis beside the ranking
        assertEquals(200, call("GET", openBoard(DAY), analyst, null).status());
        assertEquals(200, call("GET", openBoard(WEEK), analyst, null).status());
        awaitBatches(20, streaming);
        postgresOutage(t0, streaming);
        awaitBatches(batchesDone.get() + 10, streaming);
        keycloakOutage(t0, streaming);
        streaming.get();
        client.shutdown();
        note(String.format("stream of %d events in %d batches done after %.1f s; ingest answers %s", EVENTS,
                batches.size(), (System.nanoTime() - t0) / 1e9, new TreeMap<>(ingestAnswers)));

        assertEquals(List.of(), unexpected, "answers other than the expected ones");
        for (String module : List.of("gateway", "ingest-service", "scoring-service", "ranking-service")) {
            assertEquals(200, stack.readiness(module), module + " ready again without manual steps");
        }
        for (int e = 0; e < ENTITIES; e++) {
            awaitCount(entity(e), DAY, expected[e], Duration.ofSeconds(120));
        }
        Thread.sleep(3000); // a double count from a redelivery would show up once the backlog is gone
        long total = 0;
        for (int e = 0; e < ENTITIES; e++) {
            for (String period : List.of(DAY, WEEK, "2025-03", "2025")) {
                assertEquals(expected[e], plays(entity(e), period), entity(e) + " in " + period);
            }
            total += expected[e];
        }
        assertEquals(EVENTS, total, "nothing accepted is lost");
        assertBoardShowsExactCounts(expected);
        note("every one of the " + EVENTS + " events counted exactly once on " + DAY + ", " + WEEK
                + ", 2025-03 and 2025, and the day board ranks all " + ENTITIES + " entities by their exact counts");
        writeReport();
    }

    // ---- the outages

    /** PostgreSQL away: open boards and ingest carry on, what needs it answers 503 problem+json with Retry-After. */
    private void postgresOutage(long t0, Future<?> streaming) throws Exception {
        assertFalse(streaming.isDone(), "the stream is still running");
        Map<String, Map<String, AtomicInteger>> seen = new TreeMap<>();
        Readiness readiness = new Readiness();
        long at = System.nanoTime();
        int before = batchesDone.get();
        stack.stopPostgres();
        readiness.start();
        long downUntil = System.nanoTime() + DOWN.toNanos();
        while (System.nanoTime() < downUntil) {
            probe(seen, "open day board", "GET", openBoard(DAY), analyst, null, a -> a.status() == 200);
            probe(seen, "open week board", "GET", openBoard(WEEK), analyst, null, a -> a.status() == 200);
            probe(seen, "closed page not in memory", "GET", closedPage(5), analyst, null, this::storeUnavailable);
            probe(seen, "weight profiles", "GET", "/api/v1/weight-profiles", analyst, null, this::storeUnavailable);
            probe(seen, "catalog write", "POST", "/api/v1/catalog/entities", admin, catalogEntity(),
                    this::storeUnavailable);
            Thread.sleep(500);
        }
        int duringOutage = batchesDone.get() - before;
        long restarted = System.nanoTime();
        stack.startPostgres();
        double recovered = awaitAll(List.of(closedPage(5), "/api/v1/weight-profiles"), restarted);
        long catalogBack = System.nanoTime();
        awaitStatus("POST", "/api/v1/catalog/entities", admin, catalogEntity(), 200, Duration.ofSeconds(60));
        readiness.stop();
        note(String.format("t=%5.1f s  PostgreSQL stopped for %.1f s: %s", (at - t0) / 1e9,
                (restarted - at) / 1e9, seen));
        note(String.format("           ingest accepted %d batches meanwhile; readiness not 200 during the outage on %s",
                duringOutage, readiness.sawDown()));
        note(String.format("           after the restart: closed page and profiles 200 again within %.1f s, catalog"
                + " write 200 within %.1f s more, without a manual step", recovered,
                (System.nanoTime() - catalogBack) / 1e9));
        assertTrue(duringOutage > 0, "ingest kept accepting while PostgreSQL was away");
        // open boards are served from Redis: a pod must stay in its Service while PostgreSQL is away
        assertEquals(List.of(), readiness.sawDown(), "no service turned unready without PostgreSQL");
        for (String what : List.of("closed page not in memory", "weight profiles", "catalog write")) {
            assertTrue(seen.get(what).containsKey("503 problem+json Retry-After"), what + " answered 503: " + seen);
        }
        JsonNode page = JSON.readTree(call("GET", closedPage(5), analyst, null).body());
        assertEquals(List.of("closed-07", "closed-06", "closed-05", "closed-04", "closed-03"),
                page.path("entries").findValuesAsText("entityId"), "the closed page after the outage");
    }

    /** Keycloak away: tokens issued before keep working, checked against the cached signing keys; forgeries fail. */
    private void keycloakOutage(long t0, Future<?> streaming) throws Exception {
        assertFalse(streaming.isDone(), "the stream is still running");
        Map<String, Map<String, AtomicInteger>> seen = new TreeMap<>();
        Readiness readiness = new Readiness();
        long at = System.nanoTime();
        int before = batchesDone.get();
        long connections = stack.identityConnections();
        // not vacuous: every service fetched its signing keys (ingest also its token) through the proxy
        assertTrue(connections >= 4, "the services reach Keycloak through the proxy: " + connections);
        stack.identityOff();
        readiness.start();
        assertEquals("refused", connectToKeycloak(), "Keycloak is unreachable for the private stack");
        String issuedDuring = passwordToken("analyst"); // the test still reaches Keycloak; the services do not
        String forged = analyst.substring(0, analyst.lastIndexOf('.') + 1) + "AAAA" + analyst.substring(
                analyst.lastIndexOf('.') + 5);
        long downUntil = System.nanoTime() + DOWN.toNanos();
        while (System.nanoTime() < downUntil) {
            probe(seen, "open board, token issued before", "GET", openBoard(DAY), analyst, null,
                    a -> a.status() == 200);
            probe(seen, "explanation, token issued before", "GET", explanation(entity(0), DAY), analyst, null,
                    a -> a.status() == 200);
            probe(seen, "weight profiles, token issued before", "GET", "/api/v1/weight-profiles", analyst, null,
                    a -> a.status() == 200);
            probe(seen, "open board, token issued during", "GET", openBoard(DAY), issuedDuring, null,
                    a -> a.status() == 200);
            probe(seen, "open board, forged signature", "GET", openBoard(DAY), forged, null,
                    a -> a.status() == 401);
            Thread.sleep(500);
        }
        int duringOutage = batchesDone.get() - before;
        long restored = System.nanoTime();
        stack.identityOn();
        readiness.stop();
        note(String.format("t=%5.1f s  Keycloak unreachable for %.1f s (connections refused; %d connections to it"
                + " before, all through the proxy): %s", (at - t0) / 1e9, (restored - at) / 1e9, connections, seen));
        note(String.format("           ingest accepted %d batches meanwhile (its channel token and its own"
                + " client-credentials token for the catalog were issued before); readiness not 200 on %s",
                duringOutage, readiness.sawDown()));
        assertTrue(duringOutage > 0, "ingest kept accepting while Keycloak was away");
        assertEquals(List.of(), readiness.sawDown(), "no service turned unready without Keycloak");
        assertTrue(connectToKeycloak().startsWith("connected"), "Keycloak reachable again through the proxy");
    }

    /** Whether a connection to Keycloak through the proxy is refused; what happened instead otherwise. */
    private String connectToKeycloak() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), stack.identityPort())) {
            return "connected from " + s.getLocalSocketAddress() + " to " + s.getRemoteSocketAddress();
        } catch (ConnectException e) {
            return "refused";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private boolean storeUnavailable(Answer a) {
        return a.status() == 503 && a.problem() && a.retryAfter() != null && a.body().contains(DEPENDENCY_UNAVAILABLE);
    }

    /** One request during an outage: its answer is counted, and anything the predicate refuses is unexpected. */
    private void probe(Map<String, Map<String, AtomicInteger>> seen, String what, String method, String path,
            String token, String body, Predicate<Answer> expected) throws InterruptedException {
        Answer a = call(method, path, token, body);
        seen.computeIfAbsent(what, w -> new TreeMap<>()).computeIfAbsent(a.label(), l -> new AtomicInteger())
                .incrementAndGet();
        if (!expected.test(a)) {
            unexpected.add(what + ": " + a.status() + " " + a.type() + " " + a.body());
        }
    }

    /** Seconds until every path answers 200 again. */
    private double awaitAll(List<String> paths, long since) throws Exception {
        for (String path : paths) {
            awaitStatus("GET", path, analyst, null, 200, Duration.ofSeconds(60));
        }
        return (System.nanoTime() - since) / 1e9;
    }

    private void awaitStatus(String method, String path, String token, String body, int want, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = null;
        while (System.nanoTime() < deadline) {
            last = call(method, path, token, body);
            if (last.status() == want) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(method + " " + path + " never answered " + want + "; last " + last);
    }

    /** Readiness of the services, polled in the background for the span of an outage. */
    private final class Readiness {

        private final List<String> down = Collections.synchronizedList(new ArrayList<>());
        private final Thread watcher = new Thread(this::watch, "readiness-watch");

        void start() {
            watcher.start();
        }

        void stop() throws InterruptedException {
            watcher.interrupt();
            watcher.join();
        }

        private void watch() {
            while (!Thread.currentThread().isInterrupted()) {
                for (String m : List.of("gateway", "ingest-service", "scoring-service", "ranking-service")) {
                    int status = stack.readiness(m);
                    if (Thread.currentThread().isInterrupted()) {
                        return; // stopped while probing: an interrupted probe says nothing about the service
                    }
                    if (status != 200 && !down.contains(m)) {
                        down.add(m);
                    }
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        List<String> sawDown() {
            return List.copyOf(down);
        }
    }

    // ---- a closed day, frozen in PostgreSQL

    /** Entity closed-NN gets NN plays on the closed day, so the board ranks closed-12 first and closed-01 last. */
    private void closeADayInPostgres() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int e = 1; e <= CLOSED_ENTITIES; e++) {
            for (int i = 0; i < e; i++) {
                events.add(event("closed-" + e + "-" + i, String.format("closed-%02d", e), CLOSED_DAY, i));
            }
        }
        send(JSON.writeValueAsString(events));
        for (int e = 1; e <= CLOSED_ENTITIES; e++) {
            awaitCount(String.format("closed-%02d", e), CLOSED_DAY, e, Duration.ofSeconds(60));
        }
        // the ranking service must hold every final score before the freeze copies its board
        long placed = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!closedDayRanked()) {
            assertTrue(System.nanoTime() < placed, CLOSED_DAY + " ranked within 60 s");
            Thread.sleep(250);
        }
        awaitStatus("POST", "/api/v1/periods/" + CLOSED_DAY + "/close", admin, null, 200, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!JSON.readTree(call("GET", closedPage(0), analyst, null).body()).path("closed").asBoolean()) {
            assertTrue(System.nanoTime() < deadline, CLOSED_DAY + " frozen within 60 s");
            Thread.sleep(250);
        }
        // the first page is now in the ranking service's memory; the second is read from PostgreSQL on demand
        assertEquals(200, call("GET", closedPage(0), analyst, null).status());
    }

    private boolean closedDayRanked() throws Exception {
        Answer a = call("GET", "/api/v1/boards/content-heat/periods/" + CLOSED_DAY + "?limit=" + CLOSED_ENTITIES,
                analyst, null);
        if (a.status() != 200) {
            return false;
        }
        JsonNode board = JSON.readTree(a.body());
        if (board.path("total").asInt() != CLOSED_ENTITIES) {
            return false;
        }
        for (JsonNode entry : board.path("entries")) {
            long plays = Long.parseLong(entry.path("entityId").asText().substring("closed-".length()));
            if (Math.abs(entry.path("score").asDouble() - Expected.playsIndex(plays)) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    private static String closedPage(int offset) {
        return "/api/v1/boards/content-heat/periods/" + CLOSED_DAY + "?offset=" + offset + "&limit=5";
    }

    private static String openBoard(String period) {
        return "/api/v1/boards/content-heat/periods/" + period + "?limit=" + ENTITIES;
    }

    private static String explanation(String entity, String period) {
        return "/api/v1/entities/" + entity + "/periods/" + period + "/explanation";
    }

    private String catalogEntity() throws IOException {
        return JSON.writeValueAsString(List.of(Map.of("id", "outage-catalog", "type", "CONTENT", "name",
                "written while PostgreSQL may be away")));
    }

    private static Map<String, Object> event(String id, String entity, String day, int i) {
        return Map.of("eventId", id, "source", "outage", "channel", "MIGU_APP", "indicator", "E5", "entityType",
                "CONTENT", "entityId", entity, "occurredAt", day + "T10:00:00+08:00", "userKey", "viewer-" + (i % 97),
                "delta", 1);
    }

    private static String entity(int e) {
        return String.format("outage-%02d", e);
    }

    // ---- the client

    /** Posts one batch until it is accepted; 503 problem+json is the only other answer the API may give. */
    private void send(String body) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Answer a = call("POST", "/api/v1/events", channels, body);
            ingestAnswers.computeIfAbsent(a.label(), l -> new AtomicInteger()).incrementAndGet();
            if (a.status() == 202) {
                if (rejected(a.body())) {
                    unexpected.add("records rejected: " + a.body());
                }
                return;
            }
            if (a.status() != 503 || !a.problem()) {
                unexpected.add("ingest: " + a.status() + " " + a.type() + " " + a.body());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("a batch was never accepted within 3 minutes");
    }

    private static boolean rejected(String report) {
        try {
            return JSON.readTree(report).path("rejected").size() > 0;
        } catch (IOException e) {
            return true;
        }
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

    /** One answer of the gateway, or status -1 when the connection failed. */
    private record Answer(int status, String type, String retryAfter, String body) {

        boolean problem() {
            return type.startsWith("application/problem+json");
        }

        String label() {
            return status + (problem() ? " problem+json" : "") + (retryAfter != null ? " Retry-After" : "");
        }
    }

    private Answer call(String method, String path, String token, String body) throws InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(stack.gateway() + path))
                .timeout(Duration.ofSeconds(75)).header("Authorization", Tokens.bearer(token));
        if (body != null) {
            req.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            req.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Retry-After").orElse(null), r.body());
        } catch (IOException e) {
            return new Answer(-1, "", null, "connection failed: " + e.getClass().getSimpleName());
        }
    }

    /** Fresh tokens, issued by the real Keycloak now (the suite's cached ones may be near their end). */
    private static String passwordToken(String user) throws Exception {
        return token("grant_type=password&client_id=caimei-gateway&client_secret=caimei-gateway-local-dev-secret"
                + "&username=" + user + "&password=" + URLEncoder.encode(user + "-dev", StandardCharsets.UTF_8));
    }

    private static String channelsToken() throws Exception {
        return token("grant_type=client_credentials&client_id=caimei-channels"
                + "&client_secret=caimei-channels-local-dev-secret");
    }

    private static String token(String form) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Stack.ISSUER + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    // ---- checks

    private long plays(String entity, String period) throws Exception {
        Answer a = call("GET", explanation(entity, period), analyst, null);
        return a.status() == 200 ? JSON.readTree(a.body()).path("raw").path("E5").asLong(-1) : -1;
    }

    private void awaitCount(String entity, String period, long want, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = plays(entity, period);
            if (last >= want) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(entity + " " + period + " reached " + last + " of " + want);
    }

    private void assertBoardShowsExactCounts(long[] expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode board = null;
        while (System.nanoTime() < deadline) {
            Answer a = call("GET", openBoard(DAY), analyst, null);
            board = a.status() == 200 ? JSON.readTree(a.body()) : null;
            if (board != null && board.path("total").asInt() == ENTITIES && Expected.scoresMatch(board, expected, "outage-")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the day board never showed the exact counts: " + board);
    }

    private void note(String line) {
        report.add(line);
        System.out.println(line);
    }

    private void writeReport() throws IOException {
        Path out = stack.workDir().resolve("outage-report.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
    }
}
