package io.caimei.deploy;

import static io.caimei.deploy.Manifests.map;
import static io.caimei.deploy.Manifests.named;
import static io.caimei.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * k8s/30-redis.yaml as a Redis Cluster: six nodes of one StatefulSet behind a headless Service, cluster-enabled
 * configuration, and the Job that forms three masters with one replica each, run here against a stub redis-cli.
 */
class RedisClusterManifestTest {

    private static final int NODES = 6;
    private static final String HEADLESS = "redis-headless";
    private static final String ADMIN_PASSWORD = "0123456789abcdef0123456789abcdef";

    private static List<Map<String, Object>> objects() {
        return Manifests.readYamlDocuments(Manifests.k8sDir().resolve("30-redis.yaml"));
    }

    private static StatefulSet statefulSet() {
        return Manifests.typed(named(objects(), "StatefulSet", "redis"), StatefulSet.class);
    }

    private static Job job() {
        return Manifests.typed(named(objects(), "Job", "redis-cluster-create"), Job.class);
    }

    private static Map<String, String> redisConf() {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String line : String.valueOf(map(named(objects(), "ConfigMap", "redis"), "data").get("redis.conf")).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] parts = trimmed.split("\\s+", 2);
                assertTrue(directives.put(parts[0], parts.length > 1 ? parts[1] : "") == null, "repeated " + parts[0]);
            }
        }
        return directives;
    }

    @Test
    void sixNodesOfOneStatefulSetHaveStableNamesBehindAHeadlessService() {
        StatefulSet redis = statefulSet();
        assertEquals(6, redis.getSpec().getReplicas(), "three masters, one replica each");
        assertEquals("Parallel", redis.getSpec().getPodManagementPolicy(), "all nodes start together; the Job waits for them");
        assertEquals(HEADLESS, redis.getSpec().getServiceName());
        assertEquals(List.of("data"), redis.getSpec().getVolumeClaimTemplates().stream()
                .map(c -> c.getMetadata().getName()).toList(), "each node its own AOF and nodes.conf");

        assertEquals(List.of(HEADLESS), ofKind(objects(), "Service").stream().map(Manifests::name).toList(),
                "one headless Service; no ClusterIP Service that would spread a cluster client over random nodes");
        Service headless = Manifests.typed(named(objects(), "Service", HEADLESS), Service.class);
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(Boolean.TRUE, headless.getSpec().getPublishNotReadyAddresses(), "nodes meet before they are ready");
        assertEquals(Map.of("app.kubernetes.io/name", "redis"), headless.getSpec().getSelector());
        Map<String, String> pods = redis.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(pods.entrySet().containsAll(headless.getSpec().getSelector().entrySet()), pods.toString());
        assertEquals(redis.getSpec().getSelector().getMatchLabels(), headless.getSpec().getSelector());

        Map<String, String> servicePorts = new TreeMap<>();
        for (ServicePort port : headless.getSpec().getPorts()) {
            assertEquals("TCP", port.getProtocol());
            servicePorts.put(port.getName(), port.getPort() + "->" + port.getTargetPort().getStrVal());
        }
        assertEquals(Map.of("redis", "6379->redis", "bus", "16379->bus"), servicePorts);
        Map<String, Integer> containerPorts = new TreeMap<>();
        for (ContainerPort port : redis.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()) {
            containerPorts.put(port.getName(), port.getContainerPort());
        }
        assertEquals(Map.of("redis", 6379, "bus", 16379), containerPorts);
    }

    @Test
    void redisConfIsClusterEnabledWithItsStateOnTheVolume() {
        Map<String, String> conf = redisConf();
        assertEquals("yes", conf.get("cluster-enabled"));
        assertEquals("/data/nodes.conf", conf.get("cluster-config-file"), "on the PersistentVolume: a node keeps its identity");
        assertEquals("5000", conf.get("cluster-node-timeout"));
        assertEquals("hostname", conf.get("cluster-preferred-endpoint-type"), "redirections name pods, not their changing IPs");
        assertEquals("replication", conf.get("masteruser"));
        assertEquals("/data", conf.get("dir"));
        assertEquals("6379", conf.get("port"));
        assertFalse(conf.containsKey("cluster-port"), "the bus is port + 10000 = 16379, the port the Service and policy open");
        for (String perPod : List.of("cluster-announce-hostname", "masterauth", "requirepass", "cluster-announce-ip")) {
            assertFalse(conf.containsKey(perPod), perPod + " is not shared configuration (per pod or a password)");
        }
        assertEquals("/data", statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("data")).findFirst().orElseThrow().getMountPath());
    }

    @Test
    void eachNodeAnnouncesItsPodNameUnderTheHeadlessService() {
        Container redis = statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
        EnvVar podName = redis.getEnv().stream().filter(e -> e.getName().equals("POD_NAME")).findFirst().orElseThrow();
        assertEquals("metadata.name", podName.getValueFrom().getFieldRef().getFieldPath());
        assertTrue(redis.getCommand().get(2).contains("cluster-announce-hostname $POD_NAME." + HEADLESS + "."
                + Manifests.NAMESPACE + ".svc"), redis.getCommand().get(2));
    }

    @Test
    void theClusterCreateJobRunsOnceWithTheAdminPasswordOnly() {
        Job create = job();
        assertEquals("OnFailure", create.getSpec().getTemplate().getSpec().getRestartPolicy());
        assertTrue(create.getSpec().getBackoffLimit() != null && create.getSpec().getBackoffLimit() > 0,
                "retried while the nodes start");
        assertEquals(Map.of("app.kubernetes.io/name", "redis-cluster-create", "app.kubernetes.io/part-of", "caimei"),
                create.getSpec().getTemplate().getMetadata().getLabels());
        Container container = create.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), container.getImage(),
                "redis-cli of the same Redis version as the nodes");
        assertEquals(1, container.getEnv().size(), container.getEnv().toString());
        EnvVar admin = container.getEnv().get(0);
        assertEquals("ADMIN_PASSWORD", admin.getName());
        assertEquals("caimei-redis", admin.getValueFrom().getSecretKeyRef().getName());
        assertEquals("admin", admin.getValueFrom().getSecretKeyRef().getKey());
        assertNotNull(container.getResources().getLimits().get("memory"));
        assertEquals(List.of("sh", "-c"), container.getCommand().subList(0, 2));
    }

    // ---- the Job's script, run against a stub redis-cli ---------------------------------------------

    /** A redis-cli call: REDISCLI_AUTH (or "") then its arguments. */
    private record Call(String authEnv, List<String> args) {
        boolean is(String... words) {
            String joined = String.join(" ", args).toLowerCase();
            return joined.contains(String.join(" ", words).toLowerCase());
        }

        boolean isPing() {
            return !args.isEmpty() && args.get(args.size() - 1).equalsIgnoreCase("ping");
        }

        boolean isCreate() {
            return is("--cluster", "create");
        }
    }

    private record Run(int exitCode, List<Call> calls, String output) { }

    private static final String REDIS_CLI_STUB = """
            #!/bin/sh
            { printf '%s\\037' "${REDISCLI_AUTH:-}"; for a in "$@"; do printf '%s\\037' "$a"; done; printf '\\n'; } >> "$STUB_LOG"
            eval "last=\\${$#}"
            args=$(printf '%s ' "$@" | tr 'A-Z' 'a-z')
            case "$args" in
              *"--cluster create"*) echo "[OK] All 16384 slots covered."; exit 0 ;;
              *"cluster info"*) printf 'cluster_state:%s\\r\\ncluster_slots_assigned:%s\\r\\n' "$STUB_STATE" "$STUB_SLOTS"; exit 0 ;;
            esac
            if [ "$(printf '%s' "$last" | tr 'A-Z' 'a-z')" = ping ]; then
              if [ -n "${STUB_FIRST_PING_FAILS:-}" ] && [ ! -e "$STUB_DIR/pinged" ]; then
                : > "$STUB_DIR/pinged"
                echo "Could not connect to Redis at somewhere:6379: Connection refused" >&2
                exit 1
              fi
              echo PONG
              exit 0
            fi
            echo "unexpected redis-cli call: $*" >&2
            exit 1
            """;

    /** Resolves redis-N.redis-headless.caimei.svc to 10.42.0.(10+N), like a cluster DNS would to pod IPs. */
    private static final String GETENT_STUB = """
            #!/bin/sh
            [ "$1" = hosts ] || exit 2
            case "$2" in
              redis-*.redis-headless.caimei.svc) n=${2#redis-}; n=${n%%.*}; echo "10.42.0.$((n + 10))     $2" ;;
              *) exit 2 ;;
            esac
            """;

    private static Run runJob(String clusterState, boolean firstPingFails) throws Exception {
        Path dir = Files.createTempDirectory("caimei-redis-cluster-create");
        try {
            Path bin = Files.createDirectories(dir.resolve("bin"));
            for (Map.Entry<String, String> stub : Map.of("redis-cli", REDIS_CLI_STUB, "getent", GETENT_STUB,
                    "sleep", "#!/bin/sh\nexit 0\n").entrySet()) {
                Path file = bin.resolve(stub.getKey());
                Files.writeString(file, stub.getValue());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            }
            Path log = dir.resolve("calls");
            Files.createFile(log);
            ProcessBuilder builder = new ProcessBuilder(job().getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
            builder.environment().put("PATH", bin + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            builder.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("STUB_LOG", log.toString());
            builder.environment().put("STUB_DIR", dir.toString());
            builder.environment().put("STUB_STATE", clusterState);
            builder.environment().put("STUB_SLOTS", clusterState.equals("ok") ? "16384" : "0");
            if (firstPingFails) {
                builder.environment().put("STUB_FIRST_PING_FAILS", "1");
            }
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail("the Job's script did not finish in 10 s: " + Files.readString(dir.resolve("out")));
            }
            List<Call> calls = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                List<String> fields = new ArrayList<>(Arrays.asList(line.split("\u001f", -1)));
                fields.remove(fields.size() - 1); // after the last separator
                calls.add(new Call(fields.get(0), fields.subList(1, fields.size())));
            }
            return new Run(process.exitValue(), calls, Files.readString(dir.resolve("out")));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static void assertAdmin(Call call) {
        List<String> args = call.args();
        int user = args.indexOf("--user");
        assertTrue(user >= 0 && args.get(user + 1).equals("admin"), "as the admin user: " + args);
        boolean password = call.authEnv().equals(ADMIN_PASSWORD);
        for (String flag : List.of("--pass", "-a")) {
            int at = args.indexOf(flag);
            password |= at >= 0 && args.get(at + 1).equals(ADMIN_PASSWORD);
        }
        assertTrue(password, "with the admin password of the Secret: " + args);
    }

    /** The pods the create call names, by index: an address is a stubbed pod IP or a pod's name. */
    private static Set<Integer> createdNodes(Call create) {
        Pattern address = Pattern.compile("(?:10\\.42\\.0\\.(\\d+)|redis-(\\d+)\\." + HEADLESS + "\\.caimei\\.svc):6379");
        List<Integer> nodes = new ArrayList<>();
        for (String arg : create.args()) {
            Matcher m = address.matcher(arg);
            if (m.matches()) {
                nodes.add(m.group(1) != null ? Integer.parseInt(m.group(1)) - 10 : Integer.parseInt(m.group(2)));
            }
        }
        assertEquals(nodes.size(), new TreeSet<>(nodes).size(), "no node twice: " + create.args());
        return new TreeSet<>(nodes);
    }

    private static Set<Integer> allNodes() {
        return Stream.iterate(0, i -> i + 1).limit(NODES).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void onFreshNodesTheJobCreatesThreeMastersWithOneReplicaEachFromAllSixPods() throws Exception {
        Run run = runJob("fail", false);
        assertEquals(0, run.exitCode(), run.output());
        run.calls().forEach(RedisClusterManifestTest::assertAdmin);
        List<Call> creates = run.calls().stream().filter(Call::isCreate).toList();
        assertEquals(1, creates.size(), run.calls().toString());
        Call create = creates.get(0);
        assertEquals(allNodes(), createdNodes(create), "every pod of the StatefulSet: " + create.args());
        assertEquals(statefulSet().getSpec().getReplicas(), createdNodes(create).size());
        int replicas = create.args().indexOf("--cluster-replicas");
        assertTrue(replicas >= 0 && create.args().get(replicas + 1).equals("1"), "one replica per master: " + create.args());
        assertTrue(create.args().contains("--cluster-yes"), "no interactive confirmation in a Job: " + create.args());

        int createdAt = run.calls().indexOf(create);
        assertTrue(run.calls().subList(0, createdAt).stream().anyMatch(c -> c.is("cluster", "info")),
                "checks whether the cluster is already formed first: " + run.calls());
        assertTrue(run.calls().subList(0, createdAt).stream().filter(Call::isPing).count() >= NODES,
                "waits for every node to answer first: " + run.calls());
    }

    @Test
    void onAFormedClusterTheJobChangesNothing() throws Exception {
        Run run = runJob("ok", false);
        assertEquals(0, run.exitCode(), run.output());
        run.calls().forEach(RedisClusterManifestTest::assertAdmin);
        assertTrue(run.calls().stream().anyMatch(c -> c.is("cluster", "info")), run.calls().toString());
        assertTrue(run.calls().stream().noneMatch(Call::isCreate), "idempotent (cluster_state:ok): " + run.calls());
    }

    @Test
    void aNodeThatDoesNotAnswerYetIsNeverLeftOut() throws Exception {
        Run run = runJob("fail", true);
        List<Call> creates = run.calls().stream().filter(Call::isCreate).toList();
        if (run.exitCode() == 0) {
            assertEquals(1, creates.size(), run.calls().toString());
            assertEquals(allNodes(), createdNodes(creates.get(0)), "waited for the node: " + creates.get(0).args());
        } else {
            assertEquals(List.of(), creates, "failed (the Job retries) without creating a partial cluster: " + run.output());
        }
    }
}
