package io.caimei.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chart as configured, executed: every Deployment of values-production.yaml started as its pod would be, and a
 * smoke flow through the gateway with the chart's settings (see {@link ChartRun}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY = "2019-06-18";
    private ChartRun run;

    @BeforeAll
    void startTheProductionShape() throws Exception {
        run = ChartRun.start(Path.of(System.getProperty("caimei.chart-run.dir", "target/chart-run")).toAbsolutePath());
    }

    @AfterAll
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(run.podUrl("gateway") + path)).timeout(Duration.ofSeconds(30))
                // what ingress-nginx adds in front of the gateway
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "caimei.example")
                .header("X-Forwarded-For", "203.0.113.7");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return run.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode await(String path, String token, java.util.function.Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = call("GET", path, token, null, null);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && until.test(JSON.readTree(r.body()))) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " never got there; last answer " + last);
    }

    @Test
    void everyPodPassesTheReadinessProbeTheChartDeclaresOnItsOwnAddress() throws Exception {
        assertEquals(List.of("gateway", "ingest-service", "ranking-service", "scoring-service"), List.copyOf(run.pods.keySet()));
        for (String service : run.pods.keySet()) {
            ChartPods.Pod pod = run.pods.get(service);
            HttpResponse<String> r = run.http.send(HttpRequest.newBuilder(URI.create(run.probeUrl(service, 0)
                    + pod.readinessPath())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), service + ": " + r.body());
            assertEquals("UP", JSON.readTree(r.body()).path("status").asText(), service);
            assertEquals(8080, pod.containerPort(), service);
        }
        assertEquals(9000, run.pods.get("gateway").probePort(), "the gateway is probed on its management port");
        for (String backend : List.of("ingest-service", "ranking-service", "scoring-service")) {
            assertEquals(8080, run.pods.get(backend).probePort(), backend + " keeps /q/* on its main port");
        }
    }

    @Test
    void theGatewaysHealthAndMetricsAreOnItsManagementPortOnly() throws Exception {
        String management = run.probeUrl("gateway", 0);
        for (String path : List.of("/q/health/ready", "/q/metrics")) {
            HttpResponse<String> inside = run.http.send(HttpRequest.newBuilder(URI.create(management + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, inside.statusCode(), path + " on the management port");
            HttpResponse<String> outside = call("GET", path, null, null, null);
            assertFalse(outside.statusCode() == 200, path + " must not answer on the public port the Ingress routes: "
                    + outside.statusCode());
        }
    }

    @Test
    void everyBackendListensOnItsPodAddressOnly() throws Exception {
        for (String backend : List.of("ingest-service", "ranking-service", "scoring-service")) {
            int port = run.pods.get(backend).containerPort();
            assertEquals(run.podIp(backend), run.pods.get(backend).envAt(run.podIp(backend)).get("QUARKUS_HTTP_HOST"),
                    backend + " binds what the chart sets from status.podIP");
            HttpResponse<String> own = run.http.send(HttpRequest.newBuilder(URI.create(run.podUrl(backend)
                    + "/q/health/live")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, own.statusCode(), backend + " answers on its pod address");
            // loopback and another address of the pod range: a bind on all interfaces would answer there too
            for (String other : List.of("127.0.0.1", ChartRun.NET + "250")) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class,
                            () -> socket.connect(new java.net.InetSocketAddress(other, port), 2000),
                            backend + " must not answer on " + other + ":" + port);
                }
            }
        }
    }

    @Test
    void nativeCdrLinesThroughTheGatewayGiveTheFormulasExactScoreOnTheBoard() throws Exception {
        String admin = run.userToken("admin");
        String song = "[{\"id\":\"chart-song\",\"type\":\"CONTENT\",\"name\":\"《生产形态》\"}]";
        assertEquals(200, call("POST", "/api/v1/catalog/entities", admin, "application/json", song).statusCode());
        String cdr = String.join("\r\n",
                "chart-1|13800138000|13900139000|chart-song|PLAY|20190618101500",
                "chart-2|13800138001|13900139000|chart-song|PLAY|20190618101600",
                "chart-3|13800138000|13900139000|chart-song|PLAY|20190618101700") + "\r\n";
        // the catalog reaches ingest on its refresh: retry until the entity is known
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode accepted;
        do {
            HttpResponse<String> r = call("POST", "/api/v1/channels/CRBT/events", run.channelsToken(), "text/plain", cdr);
            assertEquals(202, r.statusCode(), r.body());
            accepted = JSON.readTree(r.body());
            if (accepted.path("accepted").asInt() + accepted.path("duplicates").asInt() == 3) {
                break;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        assertEquals(3, accepted.path("accepted").asInt() + accepted.path("duplicates").asInt(), accepted.toString());
        // content-heat: 10 * (C1 0.5 * D1 0.6 * (E1 0.5 * ln(1+3 plays) + E2 0.5 * ln(1+2 callers)))^2
        double expected = 10 * Math.pow(0.5 * 0.6 * 0.5 * (Math.log1p(3) + Math.log1p(2)), 2);
        JsonNode board = await("/api/v1/boards/content-heat/periods/" + DAY + "?limit=5", run.userToken("analyst"),
                b -> b.path("total").asInt() == 1 && Math.abs(b.path("entries").path(0).path("score").asDouble() - expected) < 1e-9);
        assertEquals("chart-song", board.path("entries").path(0).path("entityId").asText());
        assertEquals(1, board.path("entries").path(0).path("rank").asInt());
    }

    @Test
    void anAdvertiserSeesItsOwnCampaignsBreakdownAndNotAnotherAdvertisers() throws Exception {
        String admin = run.userToken("admin");
        String campaigns = "[{\"id\":\"chart-brand\",\"type\":\"CAMPAIGN\",\"name\":\"品牌\",\"category\":\"BRAND\",\"owner\":\"adv-brand\"},"
                + "{\"id\":\"chart-tourism\",\"type\":\"CAMPAIGN\",\"name\":\"文旅\",\"category\":\"TOURISM\",\"owner\":\"adv-tourism\"}]";
        assertEquals(200, call("POST", "/api/v1/catalog/entities", admin, "application/json", campaigns).statusCode());
        StringBuilder events = new StringBuilder("[");
        for (String campaign : List.of("chart-brand", "chart-tourism")) {
            for (int i = 0; i < 2; i++) {
                events.append(events.length() > 1 ? "," : "").append("{\"eventId\":\"").append(campaign).append('-').append(i)
                        .append("\",\"source\":\"chart-run\",\"channel\":\"MIGU_APP\",\"indicator\":\"E5\",\"entityType\":\"CAMPAIGN\","
                                + "\"entityId\":\"").append(campaign).append("\",\"occurredAt\":\"2019-06-18T10:00:00+08:00\","
                                + "\"userKey\":\"viewer-").append(i).append("\",\"delta\":1}");
            }
        }
        events.append(']');
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> posted;
        do {
            posted = call("POST", "/api/v1/events", run.channelsToken(), "application/json", events.toString());
            if (posted.statusCode() == 202 && JSON.readTree(posted.body()).path("rejected").isEmpty()) {
                break;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        assertEquals(202, posted.statusCode(), posted.body());
        String brand = run.userToken("brand-advertiser");
        JsonNode own = await("/api/v1/entities/chart-brand/periods/" + DAY + "/explanation", brand,
                e -> e.path("raw").path("E5").asLong() == 2);
        assertEquals(2, own.path("raw").path("E5").asLong());
        HttpResponse<String> other = call("GET", "/api/v1/entities/chart-tourism/periods/" + DAY + "/explanation", brand, null,
                null);
        assertEquals(403, other.statusCode(), other.body());
        assertTrue(other.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        // past the gateway, straight to the backends' pods: each applies the rule itself (scoring asks ranking's
        // catalog through the chart's REST URL with the advertiser's token)
        String explanation = run.podUrl("scoring-service") + "/v1/entities/%s/periods/" + DAY + "/explanation";
        HttpResponse<String> ownDirect = direct(String.format(explanation, "chart-brand"), brand);
        assertEquals(200, ownDirect.statusCode(), ownDirect.body());
        assertEquals(2, JSON.readTree(ownDirect.body()).path("raw").path("E5").asLong());
        for (String url : List.of(String.format(explanation, "chart-tourism"),
                run.podUrl("ranking-service") + "/v1/catalog/entities/chart-tourism")) {
            HttpResponse<String> refused = direct(url, brand);
            assertEquals(403, refused.statusCode(), url + ": " + refused.body());
            assertEquals("https://caimei.io/problems/not-your-campaign",
                    JSON.readTree(refused.body()).path("type").asText());
        }
    }

    private HttpResponse<String> direct(String url, String token) throws Exception {
        return run.http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whatIfSimulationGoesFromRankingToScoringThroughTheirServices() throws Exception {
        Map<String, Double> weights = new LinkedHashMap<>(Map.of("C1", 0.05, "C2", 0.95, "D1", 0.6, "D2", 0.4, "D3", 0.3,
                "D4", 0.7, "E1", 0.5, "E2", 0.5, "E3", 0.7, "E4", 0.3));
        weights.putAll(Map.of("E5", 0.35, "E6", 0.15, "E7", 0.2, "E8", 0.1, "E9", 0.1, "E10", 0.1, "E11", 0.4, "E12", 0.35,
                "E13", 0.25));
        HttpResponse<String> r = call("POST", "/api/v1/boards/content-heat/periods/2019-06-17/simulate",
                run.userToken("analyst"), "application/json", JSON.writeValueAsString(Map.of("weights", weights, "limit", 5)));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).path("entries").isArray(), r.body());
    }

    @Test
    void theDashboardLoginBehindTheIngressRedirectsToHttpsOnTheIngressHost() throws Exception {
        HttpResponse<String> r = call("GET", "/", null, null, null);
        assertEquals(302, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(run.issuer + "/protocol/openid-connect/auth?"), location);
        String redirect = URLDecoder.decode(location.replaceAll(".*[?&]redirect_uri=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        assertTrue(redirect.startsWith("https://caimei.example/"), redirect);
    }

    @Test
    void inProdAMissingSecretStopsTheServiceAtStartNamingTheVariable() throws Exception {
        for (Map.Entry<String, String> missing : List.of(Map.entry("ingest-service", "CAIMEI_INGEST_PSEUDONYMIZATION_SECRET"),
                Map.entry("ingest-service", "CAIMEI_CHANNELS_CLIENT_SECRET"), Map.entry("gateway", "CAIMEI_GATEWAY_CLIENT_SECRET"))) {
            Map<String, String> env = new LinkedHashMap<>(run.pods.get(missing.getKey()).env());
            env.remove(missing.getValue());
            env.put("QUARKUS_HTTP_PORT", "8089");
            env.computeIfPresent("CAIMEI_MANAGEMENT_PORT", (k, v) -> "9089");
            String log = missing.getKey() + "-without-" + missing.getValue();
            Process p = run.startPod(missing.getKey(), env, log);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), missing.getKey() + " kept running without " + missing.getValue());
            assertFalse(p.exitValue() == 0, missing.getKey());
            assertTrue(run.tail(log).contains(missing.getValue()), run.tail(log));
        }
    }

    @Test
    void eachServiceIsItsOwnRedisUserConfinedToItsKeys() {
        Map<String, String> redis = run.secrets.get("caimei-redis");
        assertTrue(run.redis("gateway", redis.get("gateway"), "SET", "gw:chart-run", "1").startsWith("+OK"));
        assertTrue(run.redis("gateway", redis.get("gateway"), "GET", "cm:anything").startsWith("-NOPERM"));
        assertTrue(run.redis("ranking-service", redis.get("ranking-service"), "KEYS", "*").startsWith("-NOPERM"));
        assertTrue(run.redis("default", "", "PING").startsWith("-"), "the default user is off");
    }

    @Test
    void eachServiceIsItsOwnKafkaUserAndMayDoOnlyWhatItsAclsSay() {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", ChartRun.KAFKA_IP + ":9092");
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", run.secrets.get("ranking-service").get("sasl.jaas.config"));
        p.put("max.block.ms", "20000");
        p.put("delivery.timeout.ms", "20000");
        p.put("request.timeout.ms", "10000");
        var serializer = new org.apache.kafka.common.serialization.StringSerializer();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p, serializer, serializer)) {
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> producer
                    .send(new org.apache.kafka.clients.producer.ProducerRecord<>("caimei.events.v1", "k", "{}"))
                    .get(30, TimeUnit.SECONDS));
            Throwable cause = refused instanceof java.util.concurrent.ExecutionException ? refused.getCause() : refused;
            assertTrue(cause instanceof org.apache.kafka.common.errors.AuthorizationException,
                    "ranking-service may not write canonical events: " + cause);
        }
    }

    @Test
    void aFullRedisAnswers503AndKeepsWhatItHas() throws Exception {
        Map<String, String> redis = run.secrets.get("caimei-redis");
        String admin = redis.get("admin");
        assertTrue(run.redis("admin", admin, "SET", "gw:chart-run-kept", "1").startsWith("+OK"));
        String event = "[{\"eventId\":\"chart-full-1\",\"source\":\"chart-run\",\"channel\":\"MIGU_APP\",\"indicator\":\"E5\","
                + "\"entityType\":\"CONTENT\",\"entityId\":\"chart-song\",\"occurredAt\":\"2019-06-18T11:00:00+08:00\","
                + "\"userKey\":\"viewer-full\",\"delta\":1}]";
        String channels = run.channelsToken();
        List<String> masters = run.redisMasters();
        assertEquals(3, masters.size(), masters.toString());
        for (String master : masters) {
            assertTrue(run.redisAt(master, "admin", admin, "CONFIG", "SET", "maxmemory", "1").startsWith("+OK"));
        }
        try {
            HttpResponse<String> full = call("POST", "/api/v1/events", channels, "application/json", event);
            assertEquals(503, full.statusCode(), full.body());
            assertTrue(full.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(run.redis("admin", admin, "SET", "gw:chart-run-new", "1").startsWith("-OOM"), "noeviction refuses writes");
        } finally {
            for (String master : masters) {
                assertTrue(run.redisAt(master, "admin", admin, "CONFIG", "SET", "maxmemory", "3gb").startsWith("+OK"));
            }
        }
        assertEquals("1", run.redis("admin", admin, "GET", "gw:chart-run-kept"), "nothing was evicted");
    }

    @Test
    void tenThousandEventsThroughTheOneGatewayAreCountedExactly() throws Exception {
        String admin = run.userToken("admin");
        StringBuilder catalog = new StringBuilder("[");
        for (int e = 0; e < 10; e++) {
            catalog.append(e > 0 ? "," : "").append("{\"id\":\"chart-load-").append(e).append("\",\"type\":\"CONTENT\",\"name\":\"负载 ")
                    .append(e).append("\"}");
        }
        assertEquals(200, call("POST", "/api/v1/catalog/entities", admin, "application/json", catalog + "]").statusCode());
        long[] expected = new long[10];
        List<String> batches = new java.util.ArrayList<>();
        for (int from = 0; from < 10_000; from += 500) {
            StringBuilder b = new StringBuilder("[");
            for (int i = from; i < from + 500; i++) {
                expected[i % 10]++;
                b.append(i > from ? "," : "").append("{\"eventId\":\"load-").append(i).append("\",\"source\":\"chart-run\","
                        + "\"channel\":\"MIGU_APP\",\"indicator\":\"E5\",\"entityType\":\"CONTENT\",\"entityId\":\"chart-load-")
                        .append(i % 10).append("\",\"occurredAt\":\"2019-06-18T12:00:00+08:00\",\"userKey\":\"v").append(i % 97)
                        .append("\",\"delta\":1}");
            }
            batches.add(b.append(']').toString());
        }
        String channels = run.channelsToken();
        // wait until ingest knows the new entities, then stream on two client threads
        long known = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // one more event, for an entity of the stream, until ingest's catalog refresh knows the new entities
        String probe = "[{\"eventId\":\"load-probe\",\"source\":\"chart-run\",\"channel\":\"MIGU_APP\",\"indicator\":\"E5\","
                + "\"entityType\":\"CONTENT\",\"entityId\":\"chart-load-0\",\"occurredAt\":\"2019-06-18T12:00:00+08:00\","
                + "\"userKey\":\"v0\",\"delta\":1}]";
        expected[0]++;
        while (JSON.readTree(call("POST", "/api/v1/events", channels, "application/json", probe).body()).path("rejected")
                .size() > 0 && System.nanoTime() < known) {
            Thread.sleep(500);
        }
        long t0 = System.nanoTime();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int first = t;
            sent.add(clients.submit(() -> {
                int ok = 0;
                for (int b = first; b < batches.size(); b += 2) {
                    HttpResponse<String> r = call("POST", "/api/v1/events", channels, "application/json", batches.get(b));
                    while (r.statusCode() == 503 || JSON.readTree(r.body()).path("rejected").size() > 0) {
                        Thread.sleep(500);
                        r = call("POST", "/api/v1/events", channels, "application/json", batches.get(b));
                    }
                    ok += r.statusCode() == 202 ? 1 : 0;
                }
                return ok;
            }));
        }
        int accepted = sent.get(0).get() + sent.get(1).get();
        double streamSeconds = (System.nanoTime() - t0) / 1e9;
        clients.shutdown();
        assertEquals(20, accepted);
        String analyst = run.userToken("analyst");
        for (int e = 0; e < 10; e++) {
            int entity = e;
            await("/api/v1/entities/chart-load-" + e + "/periods/2019-06-18/explanation", analyst,
                    x -> x.path("raw").path("E5").asLong() == expected[entity]);
        }
        double exactSeconds = (System.nanoTime() - t0) / 1e9;
        String line = String.format("one pod of each Deployment: 10000 events accepted through the gateway in %.1f s"
                + " (%.0f events/s), every count exact after %.1f s", streamSeconds, 10_000 / streamSeconds, exactSeconds);
        System.out.println("[chart-run] " + line);
        java.nio.file.Files.writeString(run.dir.resolve("throughput.txt"), line + "\n");
    }
}
