package io.caimei.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the four services once per test run as real processes (their packaged jars) on the real Kafka,
 * Redis, PostgreSQL and Keycloak started by {@code ./caimei test}. Each run gets its own topic and Redis key
 * prefix and fresh tables, so runs never see each other's data. Processes stop when the JVM ends.
 */
public final class Stack implements BeforeAllCallback {

    public static final String KAFKA = System.getProperty("caimei.kafka", "127.0.0.1:9092");
    public static final String REDIS_PREFIX_BASE = "e2e";
    public static final String ISSUER = System.getProperty("caimei.issuer", "http://127.0.0.1:8180/realms/caimei");
    public static final String JDBC = System.getProperty("caimei.jdbc", "jdbc:postgresql://127.0.0.1:5432/caimei_test");
    public static final int GATEWAY_PORT = 18080;
    public static final int INGEST_PORT = 18081;
    public static final int SCORING_PORT = 18082;
    public static final int RANKING_PORT = 18083;

    private static final Map<String, Process> PROCESSES = new LinkedHashMap<>();
    /** Scoring asks ranking's catalog who owns a campaign before it shows an advertiser a breakdown. */
    private static final List<String> SCORING_ARGS = List.of("-Dcaimei.scoring.allowed-lateness=P36500D",
            "-Dquarkus.rest-client.catalog.url=http://127.0.0.1:" + RANKING_PORT);
    private static String runId;
    private static boolean started;

    /** The gateway's base URL. */
    public static String gateway() {
        return "http://127.0.0.1:" + GATEWAY_PORT;
    }

    public static String runId() {
        return runId;
    }

    public static String topicPrefix() {
        return "e2e-" + runId + ".";
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    static synchronized void start() throws Exception {
        if (started) {
            return;
        }
        started = true;
        // board scores are doubles; rest-assured would read them as floats by default
        io.restassured.RestAssured.config = io.restassured.config.RestAssuredConfig.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
        runId = Long.toString(System.currentTimeMillis(), 36);
        java.nio.file.Files.createDirectories(logDir());
        try (var logs = java.nio.file.Files.list(logDir())) {
            for (Path old : logs.toList()) {
                java.nio.file.Files.delete(old);
            }
        }
        createTopics();
        resetTables();
        Runtime.getRuntime().addShutdownHook(new Thread(Stack::stopAll));
        startService("ranking-service", RANKING_PORT,
                List.of("-Dquarkus.rest-client.scoring.url=http://127.0.0.1:" + SCORING_PORT));
        // periods close here only when a test closes them (admin), so tests in different years never interfere;
        // WatermarkTest runs its own scorer with the real 2 h lateness
        startService("scoring-service", SCORING_PORT, SCORING_ARGS);
        startService("ingest-service", INGEST_PORT, List.of("-Dquarkus.rest-client.catalog.url=http://127.0.0.1:" + RANKING_PORT,
                "-Dcaimei.ingest.catalog-refresh=1s"));
        startService("gateway", GATEWAY_PORT, List.of(
                "-Dquarkus.rest-client.ranking.url=http://127.0.0.1:" + RANKING_PORT,
                "-Dquarkus.rest-client.scoring.url=http://127.0.0.1:" + SCORING_PORT,
                "-Dquarkus.rest-client.ingest.url=http://127.0.0.1:" + INGEST_PORT,
                "-Dcaimei.gateway.rate-limit.key-prefix=" + REDIS_PREFIX_BASE + "-" + runId + "-gw",
                "-Dcaimei.gateway.rate-limit.per-second.ingest=100000",
                "-Dcaimei.gateway.rate-limit.per-second.admin=100000",
                "-Dcaimei.gateway.rate-limit.per-second.analyst=5000"));
        for (var e : Map.of("ranking-service", RANKING_PORT, "scoring-service", SCORING_PORT, "ingest-service",
                INGEST_PORT, "gateway", GATEWAY_PORT).entrySet()) {
            awaitReady(e.getKey(), e.getValue());
        }
    }

    static Path root() {
        return Path.of(System.getProperty("caimei.root", "..")).toAbsolutePath().normalize();
    }

    static Path logDir() {
        return root().resolve("e2e-tests/target/e2e-logs");
    }

    private static void startService(String module, int port, List<String> extra) throws IOException {
        PROCESSES.put(module, launch(module, port, topicPrefix(), REDIS_PREFIX_BASE + "-" + runId + "-" + module,
                extra, module));
    }

    /**
     * Starts one packaged service as a process with its own port, topic prefix and Redis key prefix; its output
     * goes to {@code e2e-logs/<logName>.log}.
     */
    static Process launch(String module, int port, String topics, String keys, List<String> extra, String logName)
            throws IOException {
        return launch(module, port, KAFKA, topics, keys, extra, logName);
    }

    /** As {@link #launch(String, int, String, String, List, String)}, on another Kafka broker. */
    static Process launch(String module, int port, String kafka, String topics, String keys, List<String> extra,
            String logName) throws IOException {
        Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build with ./mvnw package first");
        }
        Files.createDirectories(logDir());
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx384m", "-XX:+UseSerialGC", LOCAL_PROFILE,
                "-Dquarkus.http.port=" + port, "-Dkafka.bootstrap.servers=" + kafka));
        if (!module.equals("gateway")) {
            cmd.addAll(List.of("-Dcaimei.kafka.bootstrap-servers=" + kafka, "-Dcaimei.kafka.topic-prefix=" + topics,
                    "-Dcaimei.redis.key-prefix=" + keys));
        }
        if (module.equals("gateway")) {
            cmd.add("-Dquarkus.management.port=" + managementPort(port));
        }
        cmd.addAll(List.of("-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/caimei_test",
                "-Dquarkus.oidc.auth-server-url=" + ISSUER, "-Dquarkus.log.file.enabled=false"));
        cmd.addAll(extra);
        cmd.add("-jar");
        cmd.add(jar.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir().resolve(logName + ".log").toFile())).start();
    }

    /** The gateway's management interface (health, metrics; never on its public port) in the tests: 1000 above. */
    static int managementPort(int httpPort) {
        return httpPort + 1000;
    }

    /** Where a service answers {@code /q/*}: a gateway on its management port, a backend on its own port. */
    static String health(String module, int port) {
        return "http://127.0.0.1:" + (module.endsWith("gateway") ? managementPort(port) : port);
    }

    /** The local profile: the prod build with the committed local-dev secrets, which prod itself refuses. */
    static final String LOCAL_PROFILE = "-Dquarkus.profile=local";

    /** The process id of a running service of the shared stack. */
    static long pid(String module) {
        return PROCESSES.get(module).pid();
    }

    /** Kills a service with SIGKILL (no shutdown hooks run), as a crash would. */
    static void kill(String module) throws InterruptedException {
        Process p = PROCESSES.get(module);
        p.destroyForcibly();
        p.waitFor();
    }

    /** Starts a killed service again with the same settings and waits until it is ready. */
    static void restart(String module) throws Exception {
        switch (module) {
            case "scoring-service" -> startService(module, SCORING_PORT, SCORING_ARGS);
            default -> throw new IllegalArgumentException("restart of " + module + " is not supported");
        }
        awaitReady(module, SCORING_PORT);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitReady(String module, int port) throws Exception {
        awaitReady(module, PROCESSES.get(module), port);
    }

    /** Waits until a process answers ready on its port, failing fast if it exits. */
    static void awaitReady(String module, Process p, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(module + " exited with " + p.exitValue() + "; see "
                        + logDir().resolve(module + ".log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(health(module, port)
                        + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(module + " not ready after 120 s; see " + logDir().resolve(module + ".log"));
    }

    private static void createTopics() throws Exception {
        createTopics(topicPrefix());
    }

    /** The four topics the services use, under a prefix. */
    static void createTopics(String pre) throws Exception {
        createTopics(KAFKA, pre);
    }

    /** The topics under a prefix on a given broker. */
    static void createTopics(String kafka, String pre) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic(pre + "caimei.events.v1", 6, (short) 1),
                    new NewTopic(pre + "caimei.scores.v1", 6, (short) 1),
                    new NewTopic(pre + "caimei.periods.v1", 1, (short) 1),
                    new NewTopic(pre + "caimei.events.dlq.v1", 3, (short) 1)));
            for (String channel : List.of("crbt", "caller_id", "outbound_12530", "msg_5g", "migu_app", "mini_program",
                    "cmcc_app_sdk", "h5")) {
                topics.add(new NewTopic(pre + "caimei.raw." + channel, 1, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static void resetTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC, "caimei", "caimei"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS catalog_entity, frozen_period, frozen_entry");
        }
    }

    private static void stopAll() {
        PROCESSES.values().forEach(Process::destroy);
        for (Process p : PROCESSES.values()) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static File log(String module) {
        return logDir().resolve(module + ".log").toFile();
    }
}
