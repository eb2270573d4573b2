package io.caimei.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import io.caimei.common.testing.PostgresServer;

/**
 * A private stack the fault test may break: its own Kafka broker (KRaft, from the jars {@code ./caimei} fetched
 * into {@code .caimei/kafka/libs}) and its own Redis server (append-only file, fsync every second, as production
 * runs it), plus the four services wired to them. By default Keycloak and PostgreSQL are the shared ones and are not
 * touched; {@link Options} can give the stack a PostgreSQL of its own and put a switchable proxy in front of the
 * shared Keycloak, so those can be taken away too.
 */
final class FaultStack implements AutoCloseable {

    static final int KAFKA_PORT = 19192;
    static final int CONTROLLER_PORT = 19193;
    static final int REDIS_PORT = 16479;
    static final int GATEWAY = 18110;
    static final int INGEST = 18111;
    static final int SCORING = 18112;
    static final int RANKING = 18113;
    static final String KAFKA = "127.0.0.1:" + KAFKA_PORT;

    private final Options options;
    private final Path dir;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final Map<String, Process> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = Map.of("gateway", GATEWAY, "ingest-service", INGEST, "scoring-service",
            SCORING, "ranking-service", RANKING);
    private Process kafka;
    private Process redis;
    private PostgresServer postgres;
    private SwitchableProxy identity;

    /**
     * What the stack owns besides its broker and Redis. {@code name} is its directory under target (so two stacks'
     * reports never overwrite each other); {@code ownPostgres} gives scoring and ranking a PostgreSQL of the stack's
     * own; {@code identityProxy} routes every service's calls to Keycloak through a proxy the test can switch off.
     */
    record Options(String name, boolean ownPostgres, boolean identityProxy) {

        /** The fault suite's stack: shared PostgreSQL and Keycloak. */
        static final Options FAULTS = new Options("fault", false, false);
    }

    FaultStack() {
        this(Options.FAULTS);
    }

    FaultStack(Options options) {
        this.options = options;
        this.dir = Stack.root().resolve("e2e-tests/target").resolve(options.name());
    }

    /** Where the fault suite's broker, Redis and report live. */
    static Path dir() {
        return Stack.root().resolve("e2e-tests/target").resolve(Options.FAULTS.name());
    }

    /** Where this stack's broker, Redis and report live. */
    Path workDir() {
        return dir;
    }

    String gateway() {
        return "http://127.0.0.1:" + GATEWAY;
    }

    String topicPrefix() {
        return "fault-" + runId + ".";
    }

    String scoringKeys() {
        return keys("scoring-service");
    }

    int port(String module) {
        return ports.get(module);
    }

    private String keys(String module) {
        return "fault-" + runId + "-" + module;
    }

    void start() throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir.resolve("redis"));
        Files.createDirectories(dir.resolve("kafka-data"));
        startRedis();
        if (options.ownPostgres()) {
            postgres = PostgresServer.create();
        }
        if (options.identityProxy()) {
            identity = new SwitchableProxy(URI.create(Stack.ISSUER).getPort());
        }
        formatKafka();
        startKafka();
        Stack.createTopics(KAFKA, topicPrefix());
        for (String module : List.of("ranking-service", "scoring-service", "ingest-service", "gateway")) {
            startService(module);
        }
        for (String module : services.keySet()) {
            awaitReady(module);
        }
    }

    // ---- services

    private List<String> extra(String module) {
        List<String> args = new ArrayList<>(List.of("-Dquarkus.redis.hosts=redis://127.0.0.1:" + REDIS_PORT));
        switch (module) {
            case "ranking-service" -> args.add("-Dquarkus.rest-client.scoring.url=http://127.0.0.1:" + SCORING);
            case "scoring-service" -> args.addAll(List.of("-Dcaimei.scoring.allowed-lateness=P36500D",
                    "-Dquarkus.rest-client.catalog.url=http://127.0.0.1:" + RANKING));
            case "ingest-service" -> args.addAll(List.of("-Dquarkus.rest-client.catalog.url=http://127.0.0.1:" + RANKING,
                    "-Dcaimei.ingest.catalog-refresh=1s"));
            case "gateway" -> args.addAll(List.of("-Dquarkus.rest-client.ranking.url=http://127.0.0.1:" + RANKING,
                    "-Dquarkus.rest-client.scoring.url=http://127.0.0.1:" + SCORING,
                    "-Dquarkus.rest-client.ingest.url=http://127.0.0.1:" + INGEST,
                    "-Dcaimei.gateway.rate-limit.key-prefix=" + keys("gateway"),
                    "-Dcaimei.gateway.rate-limit.per-second.ingest=100000",
                    "-Dcaimei.gateway.rate-limit.per-second.analyst=100000"));
            default -> throw new IllegalArgumentException(module);
        }
        if (postgres != null && List.of("ranking-service", "scoring-service").contains(module)) {
            args.add("-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl());
        }
        if (identity != null) {
            args.addAll(identityArgs(module));
        }
        return args;
    }

    /**
     * Keys and tokens fetched through the proxy, with discovery off so no discovered URL can bypass it; the issuer
     * tokens must carry stays the real one.
     */
    private List<String> identityArgs(String module) {
        URI real = URI.create(Stack.ISSUER);
        String viaProxy = "http://127.0.0.1:" + identity.port() + real.getPath();
        List<String> args = new ArrayList<>(List.of("-Dquarkus.oidc.auth-server-url=" + viaProxy,
                "-Dquarkus.oidc.discovery-enabled=false", "-Dquarkus.oidc.jwks-path=protocol/openid-connect/certs",
                "-Dquarkus.oidc.token.issuer=" + Stack.ISSUER));
        if (module.equals("ingest-service")) {
            // its client-credentials token for the catalog call
            args.addAll(List.of("-Dquarkus.oidc-client.auth-server-url=" + viaProxy,
                    "-Dquarkus.oidc-client.discovery-enabled=false",
                    "-Dquarkus.oidc-client.token-path=protocol/openid-connect/token"));
        }
        return args;
    }

    private void startService(String module) throws IOException {
        services.put(module, Stack.launch(module, port(module), KAFKA, topicPrefix(), keys(module), extra(module),
                "fault-" + module));
    }

    /** SIGKILL, as a crash or an OOM kill would: no shutdown hook runs. */
    void kill(String module) throws InterruptedException {
        Process p = services.get(module);
        p.destroyForcibly();
        p.waitFor();
    }

    /** Starts a killed service with the same settings, as its orchestrator would. */
    void restart(String module) throws Exception {
        startService(module);
    }

    void awaitReady(String module) throws Exception {
        Stack.awaitReady("fault-" + module, services.get(module), port(module));
    }

    /** The HTTP status of a service's readiness endpoint, or -1 when it does not answer at all. */
    int readiness(String module) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(Stack.health(module, port(module)) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ---- PostgreSQL and Keycloak (only with the options that give the stack its own)

    /** Stops the stack's own PostgreSQL at once (immediate shutdown: every connection dies). */
    void stopPostgres() {
        postgres.stop();
    }

    /** Starts the stack's own PostgreSQL again on the same port and data. */
    void startPostgres() {
        postgres.start();
    }

    /** Keycloak goes away for the stack's services: connections to it are cut and refused. */
    void identityOff() throws InterruptedException {
        identity.off();
    }

    /** Keycloak is reachable again. */
    void identityOn() throws IOException {
        identity.on();
    }

    /** Connections the services opened to Keycloak (through the proxy) so far. */
    long identityConnections() {
        return identity.forwarded();
    }

    /** The port the services reach Keycloak on. */
    int identityPort() {
        return identity.port();
    }

    // ---- Redis

    private void startRedis() throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, String.join("\n", "port " + REDIS_PORT, "bind 127.0.0.1", "save \"\"",
                "appendonly yes", "appendfsync everysec", "dir " + dir.resolve("redis"), "daemonize no",
                "logfile " + dir.resolve("redis.log")) + "\n");
        redis = new ProcessBuilder(redisServer(), conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile())).start();
        awaitPort(REDIS_PORT, redis, "redis-server");
    }

    /** kill -9 and start again on the same append-only file. */
    void restartRedis(Duration down) throws Exception {
        redis.destroyForcibly();
        redis.waitFor();
        Thread.sleep(down.toMillis());
        startRedis();
    }

    private static String redisServer() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "redis-server";
    }

    // ---- Kafka

    private Path kafkaLibs() {
        Path libs = Stack.root().resolve(".caimei/kafka/libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("missing " + libs + ": run ./caimei test (it fetches the Kafka jars)");
        }
        return libs;
    }

    private Path kafkaConfig() throws IOException {
        Path conf = dir.resolve("server.properties");
        Files.writeString(conf, String.join("\n", "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + CONTROLLER_PORT,
                "listeners=PLAINTEXT://127.0.0.1:" + KAFKA_PORT + ",CONTROLLER://127.0.0.1:" + CONTROLLER_PORT,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + KAFKA_PORT, "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("kafka-data"), "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
                "auto.create.topics.enable=false", "group.initial.rebalance.delay.ms=0", "num.network.threads=2",
                "num.io.threads=2") + "\n");
        return conf;
    }

    private List<String> kafkaJava(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Stack.javaBin(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", kafkaLibs() + "/*"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void formatKafka() throws Exception {
        Process format = new ProcessBuilder(kafkaJava("kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", kafkaConfig().toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka-format.out").toFile())).start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("kafka storage format failed; see " + dir.resolve("kafka-format.out"));
        }
    }

    void startKafka() throws Exception {
        kafka = new ProcessBuilder(kafkaJava("kafka.Kafka", dir.resolve("server.properties").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.out").toFile())).start();
        awaitPort(KAFKA_PORT, kafka, "kafka");
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }

    /** Stops the broker (SIGTERM, controlled shutdown); {@link #startKafka()} brings it back on the same log. */
    void stopKafka() throws Exception {
        kafka.destroy();
        if (!kafka.waitFor(60, TimeUnit.SECONDS)) {
            kafka.destroyForcibly();
            kafka.waitFor();
        }
    }

    /** A counter from a service's Prometheus metrics, or -1 when the service does not answer. */
    double metric(String module, String name) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(Stack.health(module, port(module)) + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitPort(int port, Process p, String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue());
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + port + " within 90 s");
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(services.values());
        all.forEach(Process::destroy);
        for (Process p : all) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Process p : new Process[] { kafka, redis }) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        if (identity != null) {
            try {
                identity.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
