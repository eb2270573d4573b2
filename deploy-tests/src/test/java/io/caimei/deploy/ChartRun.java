package io.caimei.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The production shape on one machine: the chart rendered with values-production.yaml, each Deployment's jar
 * started in the prod profile with exactly the environment its pod would get, on its own loopback "pod IP" and
 * the chart's container port; Service and platform host names resolved through one hosts file (JDK and Vert.x);
 * Kafka with SCRAM and the KafkaUsers' ACLs, Redis with the ACL users of k8s/30-redis.yaml, a PostgreSQL with
 * password authentication and the Cluster's max_connections, Keycloak over TLS (a test CA) with the cluster realm.
 * {@code main} keeps it running for a person ({@code ./caimei chart-run}); {@code ChartRunTest} drives it.
 */
final class ChartRun implements AutoCloseable {

    static final String NET = "127.0.20.";
    /** The last octet of each service's first pod; replica r adds 10 r (gateway 11, 21; ingest 12, 22; ...). */
    private static final Map<String, Integer> POD_BASE = Map.of("gateway", 11, "ingest-service", 12, "scoring-service", 13,
            "ranking-service", 14);
    static final String KAFKA_IP = NET + "2";
    static final String POSTGRES_IP = NET + "4";
    static final String KEYCLOAK_IP = NET + "5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_WITHIN = Duration.ofSeconds(300);

    final Path dir;
    final Map<String, Map<String, String>> secrets;
    final Map<String, ChartPods.Pod> pods;
    final List<Map<String, Object>> k8s;
    final String issuer;
    final HttpClient http;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final String kafkaAdminPassword = OperatorSecrets.random();
    private final String keycloakAdminPassword = OperatorSecrets.random();
    final String smokeClientSecret = OperatorSecrets.random();

    /** Pods per Deployment (the chart's HPA minimum is 3 in production; the machine has 2 cores). */
    final int replicas;

    private ChartRun(Path dir, int replicas) throws Exception {
        this.dir = dir;
        this.replicas = replicas;
        this.k8s = Manifests.allK8sObjects();
        this.secrets = OperatorSecrets.create(k8s);
        List<Map<String, Object>> rendered = Manifests.render(Manifests.productionValues());
        this.pods = ChartPods.of(rendered, secrets);
        this.issuer = pods.get("gateway").env().get("QUARKUS_OIDC_AUTH_SERVER_URL");
        writeHostsFile(rendered);
        writeTestCa();
        this.http = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts the platform and every pod of the chart and waits until each passes its readiness probe. */
    static ChartRun start(Path dir) throws Exception {
        return start(dir, 1);
    }

    /** As {@link #start(Path)} with {@code replicas} pods of every Deployment, each on its own address. */
    static ChartRun start(Path dir, int replicas) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        ChartRun run = new ChartRun(dir, replicas);
        // pods must not outlive the JVM that started them (a failed or interrupted test run)
        Runtime.getRuntime().addShutdownHook(new Thread(run::close));
        try {
            run.startKafka();
            run.startRedis();
            run.startPostgres();
            run.startKeycloak();
            run.awaitKafka();
            run.awaitKeycloak();
            for (int r = 0; r < replicas; r++) {
                for (String service : run.pods.keySet()) {
                    run.startReplica(service, r);
                }
            }
            for (int r = 0; r < replicas; r++) {
                for (String service : run.pods.keySet()) {
                    run.awaitReady(service, r);
                }
            }
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    static Path repoFile(String path) {
        return Manifests.repoRoot().resolve(path);
    }

    static Path caimeiHome() {
        String home = System.getenv("CAIMEI_HOME");
        return home != null ? Path.of(home) : repoFile(".caimei");
    }

    String podIp(String service) {
        return podIp(service, 0);
    }

    String podIp(String service, int replica) {
        return NET + (POD_BASE.get(service) + 10 * replica);
    }

    /** http://<pod IP>:<container port> of a service's replica. */
    String podUrl(String service, int replica) {
        return "http://" + podIp(service, replica) + ":" + pods.get(service).containerPort();
    }

    /** http://<pod IP>:<container port> of a service. */
    String podUrl(String service) {
        return "http://" + podIp(service) + ":" + pods.get(service).containerPort();
    }

    /** http://<pod IP>:<the port its probes name> of a service's replica: the management port where it has one. */
    String probeUrl(String service, int replica) {
        return "http://" + podIp(service, replica) + ":" + pods.get(service).probePort();
    }

    // ---- name resolution and TLS -----------------------------------------------------------------------

    /** Cluster DNS as a hosts file: each Service's names to its pod, each platform host to its process. */
    private void writeHostsFile(List<Map<String, Object>> rendered) throws IOException {
        Map<String, String> names = new TreeMap<>();
        StringBuilder services = new StringBuilder();
        for (Map<String, Object> service : Manifests.ofKind(rendered, "Service")) {
            String target = String.valueOf(Manifests.map(service, "spec.selector").get("app.kubernetes.io/name"));
            String name = Manifests.name(service);
            // a Service name answers with every ready pod, as a headless lookup would; clients take the first
            for (int r = 0; r < replicas; r++) {
                services.append(podIp(target, r)).append(' ').append(name).append(' ').append(name).append(".caimei.svc ")
                        .append(name).append(".caimei.svc.cluster.local\n");
            }
        }
        for (ChartPods.Pod pod : pods.values()) {
            hostOf(pod.env().get("KAFKA_BOOTSTRAP_SERVERS")).ifPresent(h -> names.put(h, KAFKA_IP));
            hostOf(pod.env().get("QUARKUS_DATASOURCE_REACTIVE_URL")).ifPresent(h -> names.put(h, POSTGRES_IP));
            hostOf(pod.env().get("QUARKUS_OIDC_AUTH_SERVER_URL")).ifPresent(h -> names.put(h, KEYCLOAK_IP));
        }
        names.putAll(REDIS_PODS);
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n").append(services);
        names.forEach((name, ip) -> hosts.append(ip).append(' ').append(name).append('\n'));
        Files.writeString(hosts(), hosts);
    }

    Path hosts() {
        return dir.resolve("hosts");
    }

    /** The host of a URL or host:port list entry (first of a comma list). */
    static java.util.Optional<String> hostOf(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        String first = value.split(",")[0].trim();
        if (!first.contains("://")) {
            first = "tcp://" + first;
        }
        return java.util.Optional.ofNullable(URI.create(first).getHost());
    }

    private void writeTestCa() throws Exception {
        Path tls = Files.createDirectories(dir.resolve("tls"));
        String host = hostOf(issuer).orElseThrow();
        Files.writeString(tls.resolve("server.ext"), "subjectAltName=DNS:" + host + ",IP:" + KEYCLOAK_IP
                + "\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n");
        run(tls, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=Caimei chart-run test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        run(tls, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tls.key", "-out", "tls.csr", "-subj",
                "/CN=" + host);
        run(tls, "openssl", "x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "tls.crt", "-days", "2", "-extfile", "server.ext");
        run(tls, "keytool", "-importcert", "-noprompt", "-alias", "caimei-test-ca", "-file", "ca.crt", "-keystore",
                "truststore.p12", "-storetype", "PKCS12", "-storepass", "changeit");
    }

    private SSLContext sslContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("tls/truststore.p12"))) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The JVM flags every process gets: the hosts file as its resolver and the test CA as its trust store. */
    private List<String> jvmFlags() {
        return List.of("-Djdk.net.hosts.file=" + hosts(), "-Djavax.net.ssl.trustStore=" + dir.resolve("tls/truststore.p12"),
                "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    // ---- Kafka ------------------------------------------------------------------------------------------

    private void startKafka() throws Exception {
        Path kafka = Files.createDirectories(dir.resolve("kafka"));
        String libs = caimeiHome().resolve("kafka/libs").toString() + "/*";
        if (!Files.isDirectory(caimeiHome().resolve("kafka/libs"))) {
            throw new IllegalStateException("no Kafka jars in " + caimeiHome() + "/kafka/libs: run infra/infra.sh start kafka once");
        }
        String adminJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                + kafkaAdminPassword + "\";";
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + KAFKA_IP + ":9093");
        p.put("listeners", "SASL_PLAINTEXT://" + KAFKA_IP + ":9092,CONTROLLER://" + KAFKA_IP + ":9093");
        // the broker's pod address, as Strimzi advertises each broker's own address behind the bootstrap Service
        p.put("advertised.listeners", "SASL_PLAINTEXT://" + KAFKA_IP + ":9092");
        p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", adminJaas);
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The controller listener (loopback, PLAINTEXT) authenticates the broker as ANONYMOUS: Strimzi uses mTLS there.
        p.put("super.users", "User:admin;User:ANONYMOUS");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.dirs", kafka.resolve("data").toString());
        try (OutputStream out = Files.newOutputStream(kafka.resolve("server.properties"))) {
            p.store(out, "chart-run broker");
        }
        List<String> format = List.of(java(), "-cp", libs, "kafka.tools.StorageTool", "format", "-t", randomClusterId(),
                "-c", kafka.resolve("server.properties").toString(), "--add-scram",
                "SCRAM-SHA-512=[name=admin,password=" + kafkaAdminPassword + "]");
        run(kafka, format.toArray(String[]::new));
        Files.writeString(kafka.resolve("log4j2.properties"), String.join("\n", "status = warn",
                "appender.out.type = Console", "appender.out.name = OUT", "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n", "rootLogger.level = INFO", "rootLogger.appenderRef.out.ref = OUT",
                "logger.config.name = org.apache.kafka.common.config.AbstractConfig", "logger.config.level = WARN", ""));
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:+UseSerialGC"));
        cmd.addAll(jvmFlags());
        cmd.addAll(List.of("-Dlog4j2.configurationFile=" + kafka.resolve("log4j2.properties"), "-Dkafka.logs.dir=" + kafka, "-cp", libs, "kafka.Kafka", kafka.resolve("server.properties").toString()));
        spawn("kafka", cmd, Map.of(), false);
    }

    /**
     * Kafka's own generator: a plain base64url id starts with '-' one time in 64, and StorageTool then reads it as an
     * option ("argument --cluster-id/-t: expected one argument"), which failed a CI run.
     */
    private static String randomClusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    /** Topics of k8s/11 (one replica here), the KafkaUsers' SCRAM credentials and ACLs, as Strimzi would apply them. */
    private void awaitKafka() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KAFKA_IP + ":9092");
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                + kafkaAdminPassword + "\";");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try (Admin admin = Admin.create(p)) {
                admin.describeCluster().nodes().get(5, java.util.concurrent.TimeUnit.SECONDS);
                applyKafkaObjects(admin);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the chart-run Kafka broker did not come up; see " + dir.resolve("kafka.log"), e);
                }
                alive("kafka");
                Thread.sleep(1000);
            }
        }
    }

    private void applyKafkaObjects(Admin admin) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (Map<String, Object> topic : Manifests.ofKind(k8s, "KafkaTopic")) {
            String name = Manifests.str(topic, "spec.topicName") != null ? Manifests.str(topic, "spec.topicName") : Manifests.name(topic);
            Map<String, String> configs = new TreeMap<>();
            Manifests.map(topic, "spec.config").forEach((k, v) -> configs.put(k, String.valueOf(v)));
            configs.put("min.insync.replicas", "1");
            topics.add(new NewTopic(name, Manifests.integer(topic, "spec.partitions"), (short) 1).configs(configs));
        }
        admin.createTopics(topics).all().get(60, java.util.concurrent.TimeUnit.SECONDS);
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (Map<String, Object> user : Manifests.ofKind(k8s, "KafkaUser")) {
            String name = Manifests.name(user);
            users.add(new UserScramCredentialUpsertion(name, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                    secrets.get(name).get("password")));
            for (Object acl : Manifests.list(user, "spec.authorization.acls")) {
                ResourceType type = ResourceType.fromString(Manifests.str(acl, "resource.type").toUpperCase());
                String resourceName = Manifests.str(acl, "resource.name");
                boolean prefix = "prefix".equals(Manifests.str(acl, "resource.patternType"));
                ResourcePattern pattern = new ResourcePattern(type, type == ResourceType.CLUSTER ? "kafka-cluster" : resourceName,
                        prefix ? PatternType.PREFIXED : PatternType.LITERAL);
                for (Object op : Manifests.list(acl, "operations")) {
                    acls.add(new AclBinding(pattern, new AccessControlEntry("User:" + name, "*",
                            AclOperation.fromString(camelToUpper(String.valueOf(op))), AclPermissionType.ALLOW)));
                }
            }
        }
        admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        admin.createAcls(acls).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static String camelToUpper(String op) {
        return op.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
    }

    // ---- Redis ------------------------------------------------------------------------------------------

    /** The six Redis pods of k8s/30-redis.yaml (three masters, three replicas): pod name → address. */
    static final Map<String, String> REDIS_PODS = redisPods();

    private static Map<String, String> redisPods() {
        Map<String, String> pods = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            pods.put("redis-" + i + ".redis-headless.caimei.svc", NET + (31 + i));
        }
        return pods;
    }

    /**
     * k8s/30-redis.yaml run as its StatefulSet would: the ConfigMap's redis.conf and ACL template with only paths and
     * bind address adapted, the start script's additions (masterauth, the pod's announced name), then the cluster
     * formed as the Job forms it (by address, three masters with one replica each, as admin).
     */
    private void startRedis() throws Exception {
        Map<String, Object> configMap = Manifests.named(k8s, "ConfigMap", "redis");
        String acl = String.valueOf(Manifests.map(configMap, "data").get("users.acl.template"));
        Map<String, Object> statefulSet = Manifests.named(k8s, "StatefulSet", "redis");
        Map<String, String> env = new LinkedHashMap<>();
        for (Object var : Manifests.list(statefulSet, "spec.template.spec.containers.0.env")) {
            String secret = Manifests.str(var, "valueFrom.secretKeyRef.name");
            if (secret != null) {
                env.put(Manifests.str(var, "name"), secrets.get(secret).get(Manifests.str(var, "valueFrom.secretKeyRef.key")));
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            acl = acl.replace("${" + e.getKey() + "}", e.getValue());
        }
        int n = 0;
        for (Map.Entry<String, String> pod : REDIS_PODS.entrySet()) {
            Path node = Files.createDirectories(dir.resolve("redis/" + n));
            Files.writeString(node.resolve("users.acl"), acl);
            StringBuilder conf = new StringBuilder();
            for (String line : String.valueOf(Manifests.map(configMap, "data").get("redis.conf")).split("\n")) {
                String key = line.trim().split("\\s+")[0];
                conf.append(switch (key) {
                    case "bind" -> "bind " + pod.getValue();
                    case "dir" -> "dir " + node;
                    case "aclfile" -> "aclfile " + node.resolve("users.acl");
                    case "cluster-config-file" -> "cluster-config-file " + node.resolve("nodes.conf");
                    default -> line;
                }).append('\n');
            }
            conf.append("masterauth ").append(env.get("REPLICATION_PASSWORD")).append('\n');
            conf.append("cluster-announce-hostname ").append(pod.getKey()).append('\n');
            // a pod's packets leave from its own IP; on loopback they would leave from 127.0.0.1, so say it
            conf.append("cluster-announce-ip ").append(pod.getValue()).append('\n');
            conf.append("daemonize no\n");
            Files.writeString(node.resolve("redis.conf"), conf);
            spawn("redis-" + n, List.of("redis-server", node.resolve("redis.conf").toString()), Map.of(), false);
            n++;
        }
        String admin = secrets.get("caimei-redis").get("admin");
        for (String ip : REDIS_PODS.values()) {
            awaitRedis(ip, "admin", admin);
        }
        // bounded: redis-cli waits for the nodes to join as long as it takes
        List<String> create = new ArrayList<>(List.of("timeout", "90", "redis-cli", "--no-auth-warning", "--user", "admin",
                "--pass", admin, "--cluster", "create"));
        REDIS_PODS.values().forEach(ip -> create.add(ip + ":6379"));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(dir, create.toArray(String[]::new));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String ip : REDIS_PODS.values()) {
            while (!redisAt(ip, "probe", secrets.get("caimei-redis").get("probe"), "CLUSTER", "INFO").contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the chart-run Redis Cluster did not reach cluster_state:ok; see " + dir);
                }
                Thread.sleep(300);
            }
        }
    }

    private void awaitRedis(String ip, String user, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!redisAt(ip, user, password, "PING").startsWith("+PONG")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the chart-run Redis at " + ip + " did not answer; see " + dir.resolve("redis-0.log"));
            }
            Thread.sleep(200);
        }
    }

    /** One command on the chart-run Redis Cluster as an ACL user, following a MOVED redirection; the reply's first line. */
    String redis(String user, String password, String... command) {
        String reply = redisAt(REDIS_PODS.values().iterator().next(), user, password, command);
        if (reply.startsWith("-MOVED ")) {
            String target = reply.split(" ")[2];
            String host = target.substring(0, target.lastIndexOf(':'));
            reply = redisAt(REDIS_PODS.getOrDefault(host, host), user, password, command);
        }
        return reply;
    }

    /** The masters' addresses, as CLUSTER NODES tells. */
    List<String> redisMasters() {
        List<String> masters = new ArrayList<>();
        String nodes = redisAll(REDIS_PODS.values().iterator().next(), "admin", secrets.get("caimei-redis").get("admin"),
                "CLUSTER", "NODES");
        for (String line : nodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 2 && f[2].contains("master")) {
                masters.add(f[1].split(":")[0]);
            }
        }
        return masters;
    }

    /** One command on one node; the first line of the reply (errors included). */
    String redisAt(String ip, String user, String password, String... command) {
        String all = redisAll(ip, user, password, command);
        int bulk = all.indexOf('\n');
        return all.startsWith("$") && bulk > 0 ? all.substring(bulk + 1) : all.split("\n")[0];
    }

    private String redisAll(String ip, String user, String password, String... command) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, 6379), 1000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(resp("AUTH", user, password));
            out.write(resp(command));
            out.flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    StandardCharsets.UTF_8));
            String auth = in.readLine();
            if (!auth.startsWith("+OK")) {
                return auth;
            }
            String first = in.readLine();
            if (first.startsWith("$") && !first.equals("$-1")) {
                char[] body = new char[Integer.parseInt(first.substring(1))];
                int read = 0;
                while (read < body.length) {
                    read += in.read(body, read, body.length - read);
                }
                return first + "\n" + new String(body);
            }
            return first;
        } catch (IOException e) {
            return "-IO " + e.getMessage();
        }
    }

    private static byte[] resp(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- PostgreSQL -------------------------------------------------------------------------------------

    /** A server of its own with password authentication, the Cluster's max_connections, database and owner. */
    private void startPostgres() throws Exception {
        Map<String, Object> cluster = Manifests.named(k8s, "Cluster", "caimei-postgres");
        String maxConnections = Manifests.str(cluster, "spec.postgresql.parameters.max_connections");
        String database = Manifests.str(cluster, "spec.bootstrap.initdb.database");
        Map<String, String> app = secrets.get("caimei-postgres-app");
        Path bin = pgBin();
        // a run that was killed leaves its server holding the address: stop it first
        try (var stale = Files.list(Path.of("/tmp"))) {
            for (Path old : stale.filter(p -> p.getFileName().toString().startsWith("caimei-chart-run-pg-")).toList()) {
                try {
                    asPostgres(old, bin.resolve("pg_ctl").toString(), "-D", old.resolve("data").toString(), "-m", "immediate",
                            "-w", "stop");
                } catch (Exception notRunning) {
                    // already stopped
                }
                deleteTree(old);
            }
        }
        Path pg = Path.of("/tmp", "caimei-chart-run-pg-" + ProcessHandle.current().pid());
        Files.createDirectories(pg);
        Files.writeString(pg.resolve("pw"), "postgres-" + OperatorSecrets.random());
        asPostgres(pg, "chown", "-R", "postgres:postgres", pg.toString());
        asPostgres(pg, bin.resolve("initdb").toString(), "-D", pg.resolve("data").toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pg.resolve("pw"));
        Files.writeString(dir.resolve("postgres.dir"), pg.toString());
        asPostgres(pg, bin.resolve("pg_ctl").toString(), "-D", pg.resolve("data").toString(), "-l",
                pg.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", "-c listen_addresses=" + POSTGRES_IP
                        + " -c port=5432 -c max_connections=" + maxConnections + " -c unix_socket_directories=" + pg, "start");
        // each -c runs on its own: CREATE DATABASE cannot share a transaction
        asPostgres(pg, bin.resolve("psql").toString(), "-h", pg.toString(), "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                "-c", "CREATE ROLE \"" + app.get("username") + "\" LOGIN PASSWORD '" + app.get("password") + "'",
                "-c", "CREATE DATABASE \"" + database + "\" OWNER \"" + app.get("username") + "\"");
    }

    /** The newest installed PostgreSQL's binaries (Debian: /usr/lib/postgresql/<major>/bin). */
    private static Path pgBin() throws IOException {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.sorted().reduce((a, b) -> b).orElseThrow().resolve("bin");
        }
    }

    private void asPostgres(Path workDir, String... cmd) throws Exception {
        List<String> full = new ArrayList<>();
        if (ProcessHandle.current().info().user().map("root"::equals).orElse(false) && !cmd[0].equals("chown")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        } else if (cmd[0].equals("chown") && !ProcessHandle.current().info().user().map("root"::equals).orElse(false)) {
            return; // not root: the server runs as this user, in a directory it owns
        }
        full.addAll(List.of(cmd));
        run(workDir, full.toArray(String[]::new));
    }

    private void stopPostgres() {
        try {
            Path pg = Path.of(Files.readString(dir.resolve("postgres.dir")).trim());
            asPostgres(pg, pgBin().resolve("pg_ctl").toString(), "-D", pg.resolve("data").toString(), "-m", "immediate", "-w",
                    "stop");
            deleteTree(pg);
        } catch (Exception e) {
            // nothing started
        }
    }

    // ---- Keycloak ---------------------------------------------------------------------------------------

    /**
     * A Keycloak of its own (a copy of the local distribution) over TLS on the issuer's host and port 443, with the
     * hostname of k8s/40-keycloak.yaml and the realm of k8s/41-keycloak-realm.yaml, placeholders filled from Secrets.
     */
    private void startKeycloak() throws Exception {
        Path dist = Files.list(caimeiHome().resolve("keycloak")).filter(p -> p.getFileName().toString().startsWith("keycloak-"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Keycloak in " + caimeiHome() + "/keycloak: run infra/infra.sh start keycloak once"));
        Path kc = dir.resolve("keycloak");
        run(dir, "cp", "-a", dist.toString(), kc.toString());
        deleteTree(kc.resolve("data"));
        Files.createDirectories(kc.resolve("data/import"));
        Map<String, Object> realmImport = Manifests.named(k8s, "KeycloakRealmImport", "caimei-realm");
        String realm = JSON.writeValueAsString(Manifests.map(realmImport, "spec.realm"));
        for (Map.Entry<String, Object> placeholder : Manifests.map(realmImport, "spec.placeholders").entrySet()) {
            String secret = Manifests.str(placeholder.getValue(), "secret.name");
            String key = Manifests.str(placeholder.getValue(), "secret.key");
            realm = realm.replace("${" + placeholder.getKey() + "}", secrets.get(secret).get(key));
        }
        Files.writeString(kc.resolve("data/import/caimei-realm.json"), realm);
        String hostname = Manifests.str(Manifests.ofKind(k8s, "Keycloak").get(0), "spec.hostname.hostname");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", keycloakAdminPassword);
        env.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx768m");
        Path tls = dir.resolve("tls");
        spawn("keycloak", List.of(kc.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--hostname=https://" + hostname, "--http-enabled=false", "--https-port=443", "--http-host=" + KEYCLOAK_IP,
                "--https-certificate-file=" + tls.resolve("tls.crt"), "--https-certificate-key-file=" + tls.resolve("tls.key"),
                "--http-management-host=" + KEYCLOAK_IP, "--http-management-port=9000", "--health-enabled=true"), env, false);
    }

    private void awaitKeycloak() throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        URI discovery = URI.create("https://" + KEYCLOAK_IP + "/realms/caimei/.well-known/openid-configuration");
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not up yet
            }
            alive("keycloak");
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the chart-run Keycloak did not serve the realm; see " + dir.resolve("keycloak.log"));
            }
            Thread.sleep(2000);
        }
        provisionPeople();
    }

    /**
     * The cluster realm has no people and no password grant: as an operator would, create the users (with their
     * advertiser_id) and, for the smoke flow only, a direct-grant client carrying the gateway client's mappers.
     */
    private void provisionPeople() throws Exception {
        String admin = token("master", "admin-cli", null, "admin", keycloakAdminPassword);
        Map<?, ?> gatewayClient = (Map<?, ?>) JSON.readValue(adminCall(admin, "GET", "/clients?clientId=caimei-gateway", null),
                List.class).get(0);
        List<Map<String, Object>> mappers = new ArrayList<>();
        for (Object m : (Collection<?>) gatewayClient.get("protocolMappers")) {
            Map<String, Object> copy = new LinkedHashMap<>(JSON.convertValue(m, Map.class));
            copy.remove("id");
            mappers.add(copy);
        }
        Map<String, Object> smoke = new LinkedHashMap<>();
        smoke.put("clientId", "caimei-smoke");
        smoke.put("enabled", true);
        smoke.put("publicClient", false);
        smoke.put("secret", smokeClientSecret);
        smoke.put("standardFlowEnabled", false);
        smoke.put("directAccessGrantsEnabled", true);
        smoke.put("protocolMappers", mappers);
        adminCall(admin, "POST", "/clients", JSON.writeValueAsString(smoke));
        createUser(admin, "admin", "admin", null);
        createUser(admin, "analyst", "analyst", null);
        createUser(admin, "brand-advertiser", "advertiser", "adv-brand");
        createUser(admin, "tourism-advertiser", "advertiser", "adv-tourism");
    }

    private void createUser(String admin, String username, String role, String advertiserId) throws Exception {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@caimei.example");
        user.put("emailVerified", true);
        user.put("firstName", username);
        user.put("lastName", "Smoke");
        if (advertiserId != null) {
            user.put("attributes", Map.of("advertiser_id", List.of(advertiserId)));
        }
        user.put("credentials", List.of(Map.of("type", "password", "value", password(username), "temporary", false)));
        adminCall(admin, "POST", "/users", JSON.writeValueAsString(user));
        String id = String.valueOf(((Map<?, ?>) JSON.readValue(adminCall(admin, "GET", "/users?exact=true&username=" + username,
                null), List.class).get(0)).get("id"));
        String roleJson = adminCall(admin, "GET", "/roles/" + role, null);
        adminCall(admin, "POST", "/users/" + id + "/role-mappings/realm", "[" + roleJson + "]");
    }

    /** Each person's password in this run (random per run, never committed). */
    String password(String username) {
        return "pw-" + username + "-" + smokeClientSecret.substring(0, 12);
    }

    private String adminCall(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://" + KEYCLOAK_IP + "/admin/realms/caimei" + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("Keycloak admin " + method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** An access token from the chart-run Keycloak (password grant when a user is given, else client credentials). */
    String token(String realm, String client, String secret, String user, String password) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", client);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        if (user != null) {
            form.put("grant_type", "password");
            form.put("username", user);
            form.put("password", password);
        } else {
            form.put("grant_type", "client_credentials");
        }
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://" + KEYCLOAK_IP + "/realms/" + realm
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token for " + (user != null ? user : client) + ": " + r.statusCode() + " " + r.body());
        }
        return String.valueOf(JSON.readValue(r.body(), Map.class).get("access_token"));
    }

    /** A person's token through the smoke client. */
    String userToken(String username) throws Exception {
        return token("caimei", "caimei-smoke", smokeClientSecret, username, password(username));
    }

    /** The channel systems' token: client credentials of caimei-channels with the secret from its Secret. */
    String channelsToken() throws Exception {
        return token("caimei", "caimei-channels", secrets.get("caimei-channels-oidc").get("client-secret"), null, null);
    }

    // ---- pods -------------------------------------------------------------------------------------------

    /** Starts a service's jar in the prod profile with exactly {@code env} (nothing inherited but PATH and HOME). */
    Process startPod(String service, Map<String, String> env) throws IOException {
        return startPod(service, env, service);
    }

    /** Starts replica r of a service with the environment the chart gives it (log {@code <service>[-r].log}). */
    Process startReplica(String service, int replica) throws IOException {
        return startPod(service, pods.get(service).env(), replicaName(service, replica), replica);
    }

    static String replicaName(String service, int replica) {
        return replica == 0 ? service : service + "-" + replica;
    }

    /** kill -9 of a replica, as a crashed pod. */
    void kill(String service, int replica) throws InterruptedException {
        Process p = processes.get(replicaName(service, replica));
        p.destroyForcibly();
        p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** As {@link #startPod(String, Map)}, logging to {@code <logName>.log}. */
    Process startPod(String service, Map<String, String> env, String logName) throws IOException {
        return startPod(service, env, logName, 0);
    }

    private Process startPod(String service, Map<String, String> env, String logName, int replica) throws IOException {
        Path jar = repoFile(service + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("missing " + jar + ": build with ./mvnw package first");
        }
        // The downward API's status.podIP: the pod's own loopback address, wherever the chart uses it.
        Map<String, String> podEnv = ChartPods.atAddress(env, podIp(service, replica));
        // A real pod has its own network namespace; here all pods share one, so a pod whose chart leaves its main
        // port on all interfaces (the gateway) is held to its address. Backends bind it by the chart's own setting.
        podEnv.putIfAbsent("QUARKUS_HTTP_HOST", podIp(service, replica));
        // What cluster DNS would provide: the resolver's hosts file.
        podEnv.put("QUARKUS_VERTX_RESOLVER_HOSTS_PATH", hosts().toString());
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(jvmFlags());
        cmd.addAll(List.of("-jar", jar.toString()));
        return spawn(logName, cmd, podEnv, true);
    }

    /** Waits until the pod passes the readiness probe the chart declares. */
    void awaitReady(String service) throws Exception {
        awaitReady(service, 0);
    }

    void awaitReady(String service, int replica) throws Exception {
        ChartPods.Pod pod = pods.get(service);
        URI probe = URI.create(probeUrl(service, replica) + pod.readinessPath());
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            alive(replicaName(service, replica));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " did not pass its readiness probe " + probe + " within "
                        + READY_WITHIN.toSeconds() + " s; see " + dir.resolve(replicaName(service, replica) + ".log"));
            }
            Thread.sleep(1000);
        }
    }

    // ---- processes --------------------------------------------------------------------------------------

    private Process spawn(String name, List<String> cmd, Map<String, String> env, boolean onlyThisEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        if (onlyThisEnv) {
            Map<String, String> e = pb.environment();
            String path = e.get("PATH");
            String home = e.get("HOME");
            e.clear();
            e.put("PATH", path);
            e.put("HOME", home);
            e.put("LANG", "C.UTF-8");
            e.putAll(env);
        } else {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        processes.put(name, p);
        return p;
    }

    private void alive(String name) throws IOException {
        Process p = processes.get(name);
        if (p != null && !p.isAlive()) {
            throw new IllegalStateException(name + " exited with " + p.exitValue() + "; last lines:\n" + tail(name));
        }
    }

    String tail(String name) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(Path workDir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd[0], cmd.length > 1 ? cmd[1] : "") + " failed: " + out);
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public synchronized void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            Process p = processes.get(name);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (String name : names) {
            Process p = processes.get(name);
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        stopPostgres();
    }

    /** {@code ./caimei chart-run}: the production shape until Enter or Ctrl-C. */
    public static void main(String[] args) throws Exception {
        int replicas = Integer.getInteger("caimei.replicas", 1);
        Path dir = caimeiHome().resolve("chart-run");
        System.out.println("[chart-run] starting the production shape with " + replicas + " pod(s) of every Deployment in "
                + dir + " (1-3 minutes)");
        ChartRun run = start(dir, replicas);
        System.out.println("[chart-run] every pod passed its readiness probe:");
        for (int r = 0; r < replicas; r++) {
            int replica = r;
            run.pods.forEach((s, p) -> System.out.println("  " + replicaName(s, replica) + "  " + run.podUrl(s, replica)
                    + "  (ready: " + run.probeUrl(s, replica) + p.readinessPath() + ")"));
        }
        System.out.println("  Redis Cluster " + REDIS_PODS.values() + " (user admin, password in the Secret caimei-redis:"
                + " " + dir.resolve("secrets.txt") + ")");
        System.out.println("  issuer " + run.issuer + " at https://" + KEYCLOAK_IP + " (CA " + dir.resolve("tls/ca.crt") + ")");
        System.out.println("  users admin, analyst, brand-advertiser, tourism-advertiser; passwords and client caimei-smoke: "
                + dir.resolve("people.txt"));
        StringBuilder people = new StringBuilder("client caimei-smoke secret " + run.smokeClientSecret + "\n");
        for (String u : List.of("admin", "analyst", "brand-advertiser", "tourism-advertiser")) {
            people.append(u).append(' ').append(run.password(u)).append('\n');
        }
        Files.writeString(dir.resolve("people.txt"), people);
        StringBuilder secretsText = new StringBuilder("# the Secrets of this run (random, local)\n");
        run.secrets.forEach((name, keys) -> keys.forEach((k, v) -> secretsText.append(name).append(' ').append(k)
                .append(' ').append(v).append('\n')));
        Files.writeString(dir.resolve("secrets.txt"), secretsText);
        System.out.println("[chart-run] press Enter to stop");
        System.in.read();
        run.close();
    }
}
