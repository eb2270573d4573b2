package io.caimei.deploy;

import static io.caimei.deploy.Manifests.list;
import static io.caimei.deploy.Manifests.map;
import static io.caimei.deploy.Manifests.name;
import static io.caimei.deploy.Manifests.named;
import static io.caimei.deploy.Manifests.ofKind;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.KafkaAuthorizationSimple;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.kafka.listener.KafkaListenerAuthenticationScramSha512;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * k8s/: the platform's production security. Kafka users and ACLs, SCRAM on every listener, Redis ACL users and
 * no eviction, PostgreSQL backups and the platform NetworkPolicies are compared with tables written out here, and
 * the Redis ACL file is tried on a real redis-server.
 */
class PlatformSecurityTest {

    private static List<Map<String, Object>> objects(String file) {
        return Manifests.readYamlDocuments(Manifests.k8sDir().resolve(file));
    }

    // ---- Kafka --------------------------------------------------------------------------------------

    /** user -> "type:name:patternType:operation", the least privilege each client needs. */
    private static final Map<String, Set<String>> KAFKA_ACLS = Map.of(
            "ingest-service", Set.of(
                    "topic:caimei.events.v1:literal:Write", "topic:caimei.events.v1:literal:Describe",
                    "topic:caimei.events.dlq.v1:literal:Write", "topic:caimei.events.dlq.v1:literal:Describe",
                    "topic:caimei.raw.:prefix:Read", "topic:caimei.raw.:prefix:Describe",
                    "group:caimei-ingest-raw:literal:Read"),
            "scoring-service", Set.of(
                    "topic:caimei.events.v1:literal:Read", "topic:caimei.events.v1:literal:Describe",
                    "group:caimei-scoring:literal:Read",
                    "topic:caimei.scores.v1:literal:Write", "topic:caimei.scores.v1:literal:Describe",
                    "topic:caimei.periods.v1:literal:Write", "topic:caimei.periods.v1:literal:Describe",
                    "topic:caimei.events.dlq.v1:literal:Write", "topic:caimei.events.dlq.v1:literal:Describe"),
            "ranking-service", Set.of(
                    "topic:caimei.scores.v1:literal:Read", "topic:caimei.scores.v1:literal:Describe",
                    "group:caimei-ranking:literal:Read"),
            "keda", Set.of(
                    "topic:caimei.events.v1:literal:Describe", "topic:caimei.scores.v1:literal:Describe",
                    "group:caimei-scoring:literal:Describe", "group:caimei-ranking:literal:Describe"),
            "channel-feeds", Set.of(
                    "topic:caimei.raw.:prefix:Write", "topic:caimei.raw.:prefix:Describe"));

    private static String aclResource(AclRule rule) {
        if (rule.getResource() instanceof AclRuleTopicResource topic) {
            return "topic:" + topic.getName() + ":" + (topic.getPatternType() == null ? "literal" : topic.getPatternType().toValue());
        }
        if (rule.getResource() instanceof AclRuleGroupResource group) {
            return "group:" + group.getName() + ":" + (group.getPatternType() == null ? "literal" : group.getPatternType().toValue());
        }
        throw new AssertionError("unexpected ACL resource " + rule.getResource());
    }

    @Test
    void everyKafkaUserHasExactlyTheAclsItsClientNeeds() {
        Map<String, Set<String>> acls = new TreeMap<>();
        for (Map<String, Object> object : ofKind(objects("12-kafka-users.yaml"), "KafkaUser")) {
            KafkaUser user = Manifests.typed(object, KafkaUser.class);
            String who = user.getMetadata().getName();
            assertEquals("caimei", user.getMetadata().getNamespace(), who);
            assertEquals("caimei", user.getMetadata().getLabels().get("strimzi.io/cluster"), who);
            assertInstanceOf(KafkaUserScramSha512ClientAuthentication.class, user.getSpec().getAuthentication(), who);
            KafkaUserAuthorizationSimple authorization =
                    assertInstanceOf(KafkaUserAuthorizationSimple.class, user.getSpec().getAuthorization(), who);
            Set<String> granted = new TreeSet<>();
            for (AclRule rule : authorization.getAcls()) {
                assertTrue(rule.getType() == null || rule.getType() == AclRuleType.ALLOW, who + ": allow rules only");
                assertTrue(rule.getHost() == null || rule.getHost().equals("*"), who + ": no host restriction expected");
                assertFalse(rule.getOperations() == null || rule.getOperations().isEmpty(), who + ": operations");
                for (AclOperation operation : rule.getOperations()) {
                    assertTrue(granted.add(aclResource(rule) + ":" + operation.toValue()), who + ": duplicate " + operation);
                }
            }
            assertTrue(acls.put(who, granted) == null, "two KafkaUsers named " + who);
        }
        assertEquals(new TreeMap<>(KAFKA_ACLS.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new TreeSet<>(e.getValue())))), acls);
    }

    @Test
    void bothKafkaListenersRequireScramAndTheBrokersAuthorizeWithAcls() {
        Kafka kafka = Manifests.typed(named(objects("10-kafka.yaml"), "Kafka", "caimei"), Kafka.class);
        Map<String, Integer> listeners = new TreeMap<>();
        for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
            assertInstanceOf(KafkaListenerAuthenticationScramSha512.class, listener.getAuth(), listener.getName());
            listeners.put(listener.getName(), listener.getPort());
        }
        assertEquals(Map.of("plain", 9092, "tls", 9093), listeners);
        assertInstanceOf(KafkaAuthorizationSimple.class, kafka.getSpec().getKafka().getAuthorization());

        GenericKafkaListener plain = kafka.getSpec().getKafka().getListeners().stream()
                .filter(l -> l.getName().equals("plain")).findFirst().orElseThrow();
        assertEquals(Set.of("pods{app.kubernetes.io/instance=caimei,app.kubernetes.io/part-of=caimei}",
                        "namespaces{kubernetes.io/metadata.name=keda}"),
                plain.getNetworkPolicyPeers().stream().map(PlatformSecurityTest::peer).collect(Collectors.toSet()),
                "Strimzi's generated policy admits the app services and KEDA only");
    }

    @Test
    void rawChannelTopicsHaveOnePartitionPerIngestReplica() {
        Map<String, Integer> raw = new TreeMap<>();
        for (Map<String, Object> object : objects("11-kafka-topics.yaml")) {
            KafkaTopic topic = Manifests.typed(object, KafkaTopic.class);
            String topicName = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : name(object);
            if (topicName.startsWith("caimei.raw.")) {
                raw.put(topicName, topic.getSpec().getPartitions());
            }
        }
        assertEquals(Map.of("caimei.raw.crbt", 16, "caimei.raw.caller_id", 16, "caimei.raw.outbound_12530", 16,
                "caimei.raw.msg_5g", 16, "caimei.raw.migu_app", 16, "caimei.raw.mini_program", 16,
                "caimei.raw.cmcc_app_sdk", 16, "caimei.raw.h5", 16), raw);
    }

    // ---- Redis --------------------------------------------------------------------------------------

    /** Service user -> the only keys it may touch (the services' default caimei.redis.key-prefix). */
    private static final Map<String, String> REDIS_KEY_PATTERNS = Map.of(
            "gateway", "~gw:*", "ingest-service", "~ing:*", "scoring-service", "~cm:*", "ranking-service", "~rk:*");

    /** ACL placeholder -> key of the Secret caimei-redis. */
    private static final Map<String, String> REDIS_SECRET_KEYS = Map.of(
            "GATEWAY_PASSWORD", "gateway", "INGEST_PASSWORD", "ingest-service", "SCORING_PASSWORD", "scoring-service",
            "RANKING_PASSWORD", "ranking-service", "ADMIN_PASSWORD", "admin", "PROBE_PASSWORD", "probe",
            "REPLICATION_PASSWORD", "replication");

    /** The Redis container's environment: variable -> where its value comes from. */
    private static final Map<String, String> REDIS_ENV = Map.of(
            "POD_NAME", "fieldRef:metadata.name",
            "GATEWAY_PASSWORD", "secret:caimei-redis/gateway",
            "INGEST_PASSWORD", "secret:caimei-redis/ingest-service",
            "SCORING_PASSWORD", "secret:caimei-redis/scoring-service",
            "RANKING_PASSWORD", "secret:caimei-redis/ranking-service",
            "ADMIN_PASSWORD", "secret:caimei-redis/admin",
            "PROBE_PASSWORD", "secret:caimei-redis/probe",
            "REPLICATION_PASSWORD", "secret:caimei-redis/replication");

    /** Every line of users.acl.template, written out: user -> its rules. */
    private static final Map<String, String> REDIS_ACL = Map.of(
            "default", "off",
            "gateway", "on >${GATEWAY_PASSWORD} ~gw:* resetchannels -@all +@read +@write +@keyspace +@connection +@scripting"
                    + " -@dangerous +cluster|slots +cluster|nodes +cluster|shards +asking",
            "ingest-service", "on >${INGEST_PASSWORD} ~ing:* resetchannels -@all +@read +@write +@keyspace +@connection"
                    + " +@scripting -@dangerous +cluster|slots +cluster|nodes +cluster|shards +asking",
            "scoring-service", "on >${SCORING_PASSWORD} ~cm:* resetchannels -@all +@read +@write +@keyspace +@connection"
                    + " +@scripting -@dangerous +scan +cluster|slots +cluster|nodes +cluster|shards +asking",
            "ranking-service", "on >${RANKING_PASSWORD} ~rk:* resetchannels -@all +@read +@write +@keyspace +@connection"
                    + " +@scripting -@dangerous +scan +cluster|slots +cluster|nodes +cluster|shards +asking",
            "admin", "on >${ADMIN_PASSWORD} ~* &* +@all",
            "probe", "on >${PROBE_PASSWORD} -@all +ping +info +cluster|info",
            "replication", "on >${REPLICATION_PASSWORD} -@all +psync +replconf +ping");

    /** What a cluster client needs besides its data commands: the topology and ASK redirections. */
    private static final List<String> CLUSTER_CLIENT_RULES = List.of("+cluster|slots", "+cluster|nodes", "+cluster|shards",
            "+asking");

    private static String redisData(String key) {
        Object value = map(named(objects("30-redis.yaml"), "ConfigMap", "redis"), "data").get(key);
        assertNotNull(value, "ConfigMap redis has no " + key);
        return String.valueOf(value);
    }

    private static Map<String, String> redisDirectives() {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String line : redisData("redis.conf").split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] parts = trimmed.split("\\s+", 2);
                assertTrue(directives.put(parts[0], parts.length > 1 ? parts[1] : "") == null, "repeated " + parts[0]);
            }
        }
        return directives;
    }

    /** user name -> its rule tokens, from users.acl.template. */
    private static Map<String, List<String>> aclUsers() {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (String line : redisData("users.acl.template").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> tokens = List.of(line.strip().split("\\s+"));
            assertEquals("user", tokens.get(0), line);
            assertTrue(users.put(tokens.get(1), tokens.subList(2, tokens.size())) == null, "repeated user " + tokens.get(1));
        }
        return users;
    }

    private static StatefulSet redisStatefulSet() {
        return Manifests.typed(named(objects("30-redis.yaml"), "StatefulSet", "redis"), StatefulSet.class);
    }

    @Test
    void redisRefusesWritesWhenFullInsteadOfEvictingAndRequiresAnAclUser() {
        Map<String, String> conf = redisDirectives();
        assertEquals("noeviction", conf.get("maxmemory-policy"), "aggregates must never be evicted");
        assertEquals("3gb", conf.get("maxmemory"));
        assertEquals("yes", conf.get("appendonly"));
        assertEquals("/run/redis/users.acl", conf.get("aclfile"));
        assertEquals("yes", conf.get("protected-mode"));
        assertFalse(conf.containsKey("requirepass"), "passwords live in the ACL file only");
        assertEquals(List.of("off"), aclUsers().get("default"), "user default off");

        // Redis' "gb" is 1024^3 bytes; the limit leaves room for the AOF rewrite fork and buffers.
        Container redis = redisStatefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
        long limit = Quantity.getAmountInBytes(redis.getResources().getLimits().get("memory")).longValueExact();
        assertTrue(limit > 3L * 1024 * 1024 * 1024, "memory limit " + limit + " must exceed maxmemory");
    }

    @Test
    void theRedisAclUsersAreExactlyTheseLines() {
        Map<String, String> users = new TreeMap<>();
        aclUsers().forEach((user, rules) -> users.put(user, String.join(" ", rules)));
        assertEquals(new TreeMap<>(REDIS_ACL), users);
    }

    @Test
    void everyServiceUserIsConfinedToItsOwnKeyPrefixWithoutDangerousCommands() {
        Map<String, List<String>> users = aclUsers();
        assertEquals(Set.of("default", "gateway", "ingest-service", "scoring-service", "ranking-service", "admin", "probe",
                "replication"), users.keySet());
        for (Map.Entry<String, String> expected : REDIS_KEY_PATTERNS.entrySet()) {
            List<String> rules = users.get(expected.getKey());
            assertEquals(List.of(expected.getValue()), rules.stream().filter(r -> r.startsWith("~") || r.equals("allkeys")
                    || r.startsWith("%")).toList(), expected.getKey());
            assertTrue(rules.contains("resetchannels") && rules.stream().noneMatch(r -> r.startsWith("&")),
                    expected.getKey() + ": no Pub/Sub");
            assertEquals("-@all", rules.stream().filter(r -> r.startsWith("+") || r.startsWith("-")).findFirst().orElseThrow(),
                    expected.getKey() + ": starts from nothing");
            int dangerous = rules.indexOf("-@dangerous");
            assertTrue(dangerous > rules.indexOf("+@keyspace") && dangerous > rules.indexOf("+@write"),
                    expected.getKey() + ": -@dangerous after the categories it trims");
            assertFalse(rules.contains("+@all") || rules.contains("allcommands"), expected.getKey());
            assertEquals(CLUSTER_CLIENT_RULES, rules.subList(rules.size() - CLUSTER_CLIENT_RULES.size(), rules.size()),
                    expected.getKey() + ": the cluster topology commands, granted after -@dangerous, no other CLUSTER subcommand");
            assertEquals(CLUSTER_CLIENT_RULES.size(), rules.stream().filter(r -> r.contains("cluster") || r.equals("+asking"))
                    .count(), expected.getKey());
        }
        assertEquals(List.of("-@all", "+ping", "+info", "+cluster|info"),
                users.get("probe").stream().filter(r -> r.startsWith("+") || r.startsWith("-")).toList(),
                "probe: PING, INFO and CLUSTER INFO");
        List<String> replication = users.get("replication");
        assertEquals(List.of("-@all", "+psync", "+replconf", "+ping"),
                replication.stream().filter(r -> r.startsWith("+") || r.startsWith("-")).toList(),
                "replication: what a replica sends its master, nothing else");
        assertTrue(replication.stream().noneMatch(r -> r.startsWith("~") || r.startsWith("%") || r.startsWith("&")
                || r.equals("allkeys") || r.equals("allchannels")), "replication: no keys, no channels");
        assertEquals("replication", redisDirectives().get("masteruser"), "replicas authenticate as the replication user");
    }

    @Test
    void everyAclPlaceholderIsFilledFromTheSameNamedVariableOfTheSecretCaimeiRedis() {
        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(redisData("users.acl.template"));
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        assertEquals(new TreeSet<>(REDIS_SECRET_KEYS.keySet()), placeholders);

        Container redis = redisStatefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> sources = new TreeMap<>();
        for (EnvVar env : redis.getEnv()) {
            assertNull(env.getValue(), env.getName() + ": no literal values");
            assertNotNull(env.getValueFrom(), env.getName());
            String source = env.getValueFrom().getSecretKeyRef() != null
                    ? "secret:" + env.getValueFrom().getSecretKeyRef().getName() + "/" + env.getValueFrom().getSecretKeyRef().getKey()
                    : "fieldRef:" + env.getValueFrom().getFieldRef().getFieldPath();
            assertTrue(sources.put(env.getName(), source) == null, "repeated " + env.getName());
        }
        assertEquals(new TreeMap<>(REDIS_ENV), sources);
        for (String placeholder : placeholders) {
            assertEquals("secret:caimei-redis/" + REDIS_SECRET_KEYS.get(placeholder), sources.get(placeholder), placeholder);
        }

        String script = String.join(" ", redis.getCommand());
        for (String placeholder : placeholders) {
            assertTrue(script.contains("${" + placeholder + "}/$" + placeholder + "/"), "the start script substitutes " + placeholder);
        }
        // The per-pod configuration: the ConfigMap's plus the replicas' password and the pod's stable name.
        for (String line : List.of("echo \"include /etc/redis/redis.conf\"", "echo \"masterauth $REPLICATION_PASSWORD\"",
                "echo \"cluster-announce-hostname $POD_NAME.redis-headless.caimei.svc\"", "} > /run/redis/redis.conf",
                "exec redis-server /run/redis/redis.conf")) {
            assertTrue(script.contains(line), "the start script has " + line + ": " + script);
        }
        assertTrue(script.contains("umask 077"), "the rendered files (passwords) are private");
        assertEquals("/run/redis", redis.getVolumeMounts().stream().filter(v -> v.getName().equals("acl")).findFirst()
                .orElseThrow().getMountPath());
        assertNotNull(redisStatefulSet().getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("acl")).findFirst().orElseThrow().getEmptyDir(), "the rendered ACL file is not persisted");
        assertTrue(String.join(" ", redis.getReadinessProbe().getExec().getCommand()).contains("--user probe"));
    }

    // ---- PostgreSQL ---------------------------------------------------------------------------------

    @Test
    void bothPostgresClustersBackUpToObjectStorageEveryDay() {
        List<Map<String, Object>> objects = objects("20-postgresql.yaml");
        Map<String, String> destinations = new TreeMap<>();
        for (Map<String, Object> cluster : ofKind(objects, "Cluster")) {
            Map<String, Object> backup = map(cluster, "spec.backup");
            assertEquals("30d", str(backup, "retentionPolicy"), name(cluster));
            assertEquals("caimei-backup-s3", str(backup, "barmanObjectStore.s3Credentials.accessKeyId.name"));
            assertEquals("ACCESS_KEY_ID", str(backup, "barmanObjectStore.s3Credentials.accessKeyId.key"));
            assertEquals("caimei-backup-s3", str(backup, "barmanObjectStore.s3Credentials.secretAccessKey.name"));
            assertEquals("ACCESS_SECRET_KEY", str(backup, "barmanObjectStore.s3Credentials.secretAccessKey.key"));
            assertEquals("gzip", str(backup, "barmanObjectStore.wal.compression"));
            destinations.put(name(cluster), str(backup, "barmanObjectStore.destinationPath"));
        }
        assertEquals(Map.of("caimei-postgres", "s3://caimei-backups/caimei-postgres",
                "keycloak-postgres", "s3://caimei-backups/keycloak-postgres"), destinations);

        Map<String, String> scheduled = new TreeMap<>();
        for (Map<String, Object> backup : ofKind(objects, "ScheduledBackup")) {
            assertEquals("postgresql.cnpg.io/v1", backup.get("apiVersion"));
            assertEquals("0 0 2 * * *", str(backup, "spec.schedule"), "CloudNativePG cron: seconds first");
            assertEquals("self", str(backup, "spec.backupOwnerReference"));
            scheduled.put(name(backup), str(backup, "spec.cluster.name"));
        }
        assertEquals(Map.of("caimei-postgres-daily", "caimei-postgres", "keycloak-postgres-daily", "keycloak-postgres"),
                scheduled);

        // The chart sizes the services' pools against this number (postgresql.maxConnections).
        assertEquals("200", str(named(objects, "Cluster", "caimei-postgres"), "spec.postgresql.parameters.max_connections"));
        assertEquals("200", str(Manifests.values(null), "postgresql.maxConnections"));
    }

    // ---- NetworkPolicies ----------------------------------------------------------------------------

    /** policy -> "peer:port" for every admitted source. */
    private static final Map<String, Set<String>> NETWORK_POLICIES = Map.of(
            "caimei-postgres", Set.of(
                    "pods{app.kubernetes.io/instance in (caimei),app.kubernetes.io/name in (ranking-service,scoring-service)}:5432",
                    "pods{cnpg.io/cluster=caimei-postgres}:5432",
                    "namespaces{kubernetes.io/metadata.name=cnpg-system}:8000"),
            "keycloak-postgres", Set.of(
                    "pods{app in (keycloak,keycloak-realm-import)}:5432",
                    "pods{cnpg.io/cluster=keycloak-postgres}:5432",
                    "namespaces{kubernetes.io/metadata.name=cnpg-system}:8000"),
            "redis", Set.of(
                    "pods{app.kubernetes.io/instance=caimei,app.kubernetes.io/part-of=caimei}:6379",
                    "pods{app.kubernetes.io/name=redis}:6379", "pods{app.kubernetes.io/name=redis}:16379",
                    "pods{app.kubernetes.io/name=redis-cluster-create}:6379"),
            "keycloak", Set.of(
                    "namespaces{kubernetes.io/metadata.name=ingress-nginx}:8443",
                    "pods{app=keycloak}:8443", "pods{app=keycloak}:7800", "pods{app=keycloak}:57800",
                    "namespaces{kubernetes.io/metadata.name=monitoring}:9000"));

    private static final Map<String, String> POLICY_TARGETS = Map.of(
            "caimei-postgres", "cnpg.io/cluster=caimei-postgres", "keycloak-postgres", "cnpg.io/cluster=keycloak-postgres",
            "redis", "app.kubernetes.io/name=redis", "keycloak", "app=keycloak");

    private static String selector(LabelSelector selector) {
        List<String> terms = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> terms.add(k + "=" + v));
        }
        if (selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().forEach(e -> terms.add(e.getKey() + " " + e.getOperator().toLowerCase() + " ("
                    + e.getValues().stream().sorted().collect(Collectors.joining(",")) + ")"));
        }
        return terms.stream().sorted().collect(Collectors.joining(","));
    }

    private static String peer(NetworkPolicyPeer peer) {
        assertTrue(peer.getIpBlock() == null, "no ipBlock peers");
        String namespaces = peer.getNamespaceSelector() == null ? "" : "namespaces{" + selector(peer.getNamespaceSelector()) + "}";
        String pods = peer.getPodSelector() == null ? "" : "pods{" + selector(peer.getPodSelector()) + "}";
        return namespaces.isEmpty() || pods.isEmpty() ? namespaces + pods : namespaces + "+" + pods;
    }

    @Test
    void platformNetworkPoliciesAdmitExactlyTheListedClients() {
        Map<String, Set<String>> admitted = new TreeMap<>();
        Map<String, String> targets = new TreeMap<>();
        for (Map<String, Object> object : ofKind(objects("50-network-policies.yaml"), "NetworkPolicy")) {
            assertEquals(NetworkPolicy.class, Manifests.modelClass(object));
            NetworkPolicy policy = Manifests.typed(object, NetworkPolicy.class);
            String policyName = policy.getMetadata().getName();
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes(), policyName);
            targets.put(policyName, selector(policy.getSpec().getPodSelector()));
            Set<String> sources = new TreeSet<>();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), policyName + ": a rule without from admits all");
                assertFalse(rule.getPorts() == null || rule.getPorts().isEmpty(), policyName + ": a rule without ports admits all");
                for (NetworkPolicyPeer from : rule.getFrom()) {
                    for (NetworkPolicyPort port : rule.getPorts()) {
                        assertEquals("TCP", port.getProtocol(), policyName);
                        sources.add(peer(from) + ":" + port.getPort().getIntVal());
                    }
                }
            }
            admitted.put(policyName, sources);
        }
        assertEquals(new TreeMap<>(POLICY_TARGETS), targets);
        // Policies add up: the Keycloak operator's own policy (HTTPS and management from anywhere) would void ours.
        assertEquals("false", str(named(objects("40-keycloak.yaml"), "Keycloak", "caimei-keycloak"), "spec.networkPolicy.enabled"));
        assertEquals(new TreeMap<>(NETWORK_POLICIES.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new TreeSet<>(e.getValue())))), admitted);
    }

    @Test
    void theRedisPodsAreSelectedByTheirPolicyAndReachEachOtherButAreNotTakenForTheServices() {
        Map<String, String> podLabels = redisStatefulSet().getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> jobLabels = Manifests.typed(named(objects("30-redis.yaml"), "Job", "redis-cluster-create"),
                io.fabric8.kubernetes.api.model.batch.v1.Job.class).getSpec().getTemplate().getMetadata().getLabels();
        NetworkPolicy redis = Manifests.typed(named(objects("50-network-policies.yaml"), "NetworkPolicy", "redis"),
                NetworkPolicy.class);
        Map<String, String> target = redis.getSpec().getPodSelector().getMatchLabels();
        assertTrue(podLabels.entrySet().containsAll(target.entrySet()), podLabels.toString());
        assertFalse(podLabels.containsKey("app.kubernetes.io/instance"),
                "the Redis pods must not match the peers that mean the chart's services (Redis and Kafka policies)");
        assertFalse(jobLabels.containsKey("app.kubernetes.io/instance"), "nor the Job's pod");
        assertFalse(jobLabels.entrySet().containsAll(target.entrySet()),
                "the Job's pod is neither a Redis node for the policy nor an endpoint of redis-headless");

        // Peer -> ports, per selected pod: the nodes reach each other's client and bus ports, the Job the client port.
        Map<String, Set<Integer>> peerPorts = new TreeMap<>();
        for (NetworkPolicyIngressRule rule : redis.getSpec().getIngress()) {
            for (NetworkPolicyPeer from : rule.getFrom()) {
                if (from.getNamespaceSelector() == null && (from.getPodSelector().getMatchExpressions() == null
                        || from.getPodSelector().getMatchExpressions().isEmpty())) {
                    Map<String, String> wanted = from.getPodSelector().getMatchLabels();
                    for (Map.Entry<String, Map<String, String>> pod : Map.of("redis", podLabels, "job", jobLabels).entrySet()) {
                        if (pod.getValue().entrySet().containsAll(wanted.entrySet())) {
                            rule.getPorts().forEach(p -> peerPorts.computeIfAbsent(pod.getKey(), k -> new TreeSet<>())
                                    .add(p.getPort().getIntVal()));
                        }
                    }
                }
            }
        }
        assertEquals(Map.of("redis", Set.of(6379, 16379), "job", Set.of(6379)), peerPorts);
    }

    // ---- a real redis-server with the ConfigMap's configuration -------------------------------------

    /**
     * Runs the StatefulSet's start script and the ConfigMap's redis.conf (paths and port adapted) on redis-server:
     * pod redis-0 as a one-node cluster that owns every slot, and, for the replication test, pod redis-1 as its replica.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnARealRedisServer {

        private static final long START_TIMEOUT_MILLIS = 5_000;
        private static final long CLUSTER_TIMEOUT_MILLIS = 8_000;
        /** Redis' cluster bus listens on the client port + 10000 (16379 in the pods). */
        private static final int BUS_PORT_OFFSET = 10_000;

        /** Secret key -> password, shared by every node as the Secret caimei-redis is. */
        private final Map<String, String> passwords = new TreeMap<>();
        private Node master;

        /** One pod: its own etc/run/data directories, the start script, a free client port whose bus port is free too. */
        private final class Node implements AutoCloseable {
            final String podName;
            final Path dir;
            final int port;
            final Process server;

            Node(String podName) throws Exception {
                this.podName = podName;
                dir = Files.createTempDirectory("caimei-" + podName);
                Path etc = Files.createDirectories(dir.resolve("etc"));
                Path run = Files.createDirectories(dir.resolve("run"));
                Path data = Files.createDirectories(dir.resolve("data"));
                port = freePortWithFreeBusPort();
                String conf = redisData("redis.conf");
                conf = replaceLine(conf, "bind 0.0.0.0", "bind 127.0.0.1");
                conf = replaceLine(conf, "port 6379", "port " + port);
                conf = replaceLine(conf, "dir /data", "dir " + data);
                conf = replaceLine(conf, "aclfile /run/redis/users.acl", "aclfile " + run.resolve("users.acl"));
                conf = replaceLine(conf, "cluster-config-file /data/nodes.conf", "cluster-config-file " + data.resolve("nodes.conf"));
                Files.writeString(etc.resolve("redis.conf"), conf);
                Files.writeString(etc.resolve("users.acl.template"), redisData("users.acl.template"));

                Container container = redisStatefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
                List<String> command = new ArrayList<>(container.getCommand());
                assertEquals(List.of("sh", "-c"), command.subList(0, 2));
                String script = command.get(2).replace("/etc/redis/", etc + "/").replace("/run/redis/", run + "/");
                ProcessBuilder builder = new ProcessBuilder("sh", "-c", script)
                        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile());
                SecureRandom random = new SecureRandom();
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom().getFieldRef() != null) {
                        assertEquals("metadata.name", env.getValueFrom().getFieldRef().getFieldPath(), env.getName());
                        builder.environment().put(env.getName(), podName);
                    } else {
                        String password = passwords.computeIfAbsent(env.getValueFrom().getSecretKeyRef().getKey(), key -> {
                            byte[] secret = new byte[16];
                            random.nextBytes(secret);
                            return HexFormat.of().formatHex(secret);
                        });
                        builder.environment().put(env.getName(), password);
                    }
                }
                server = builder.start();

                long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
                while (true) {
                    try (Resp probe = connect("probe")) {
                        if ("PONG".equals(probe.call("PING"))) {
                            break;
                        }
                    } catch (IOException notYet) {
                        // not listening yet
                    }
                    if (!server.isAlive() || System.currentTimeMillis() > deadline) {
                        fail(podName + ": redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
                    }
                    Thread.sleep(50);
                }
                assertFalse(Files.readString(run.resolve("users.acl")).contains("${"), "every placeholder rendered");
                for (String file : List.of("users.acl", "redis.conf")) {
                    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                            Files.getPosixFilePermissions(run.resolve(file)), "the rendered " + file + " (passwords) is private");
                }
            }

            Resp connect(String user) throws IOException {
                Resp resp = new Resp(port);
                if (user != null) {
                    Object auth = resp.call("AUTH", user, passwords.get(user));
                    assertEquals("OK", auth, podName + ": AUTH " + user);
                }
                return resp;
            }

            @Override
            public void close() throws Exception {
                // SIGTERM, repeated: Redis refuses to exit while it writes its initial AOF (a replica right after its sync).
                for (int attempt = 0; attempt < 20 && server.isAlive(); attempt++) {
                    server.destroy();
                    server.waitFor(250, TimeUnit.MILLISECONDS);
                }
                if (server.isAlive()) {
                    server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }

        @BeforeAll
        void startRedis() throws Exception {
            Assumptions.assumeTrue(onPath("redis-server"), "redis-server is not installed");
            master = new Node("redis-0");
            // A cluster node answers CLUSTERDOWN to key commands until its slots are covered: this one takes them all.
            try (Resp admin = connect("admin")) {
                assertEquals("OK", admin.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383"));
            }
            awaitTrue(() -> {
                try (Resp probe = connect("probe")) {
                    return String.valueOf(probe.call("CLUSTER", "INFO")).contains("cluster_state:ok");
                }
            }, CLUSTER_TIMEOUT_MILLIS, "cluster_state:ok on the one-node cluster");
        }

        @AfterAll
        void stopRedis() throws Exception {
            if (master != null) {
                master.close();
            }
        }

        private interface Check {
            boolean holds() throws Exception;
        }

        private static void awaitTrue(Check check, long timeoutMillis, String what) throws Exception {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (!check.holds()) {
                if (System.currentTimeMillis() > deadline) {
                    fail("timed out after " + timeoutMillis + " ms waiting for " + what);
                }
                Thread.sleep(50);
            }
        }

        private static int freePortWithFreeBusPort() throws IOException {
            for (int attempt = 0; attempt < 100; attempt++) {
                try (ServerSocket client = new ServerSocket(0)) {
                    int candidate = client.getLocalPort();
                    if (candidate + BUS_PORT_OFFSET > 65_535) {
                        continue;
                    }
                    try (ServerSocket bus = new ServerSocket(candidate + BUS_PORT_OFFSET)) {
                        return candidate;
                    } catch (IOException taken) {
                        // try another
                    }
                }
            }
            throw new IOException("no free port with a free cluster bus port");
        }

        private static boolean onPath(String binary) {
            return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                    .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, binary)));
        }

        private static String replaceLine(String text, String line, String replacement) {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
            int index = lines.indexOf(line);
            assertTrue(index >= 0, "redis.conf has no line '" + line + "'");
            lines.set(index, replacement);
            return String.join("\n", lines) + "\n";
        }

        private Resp connect(String user) throws IOException {
            return master.connect(user);
        }

        @Test
        void theGatewayWritesItsOwnKeysButIsRefusedScoringKeys() throws IOException {
            try (Resp gateway = connect("gateway")) {
                assertEquals("OK", gateway.call("SET", "gw:x", "1"));
                assertError("NOPERM", gateway.call("SET", "cm:x", "1"));
                assertError("NOPERM", gateway.call("GET", "rk:x"));
                assertEquals("OK", gateway.call("CLIENT", "SETNAME", "caimei-gateway"), "connection commands stay allowed");
                assertEquals(1L, gateway.call("EVAL", "return redis.call('INCR', KEYS[1])", "1", "gw:script"),
                        "scripts on its own keys");
                Object foreign = gateway.call("EVAL", "return redis.call('SET', 'cm:y', 1)", "0");
                assertInstanceOf(RedisError.class, foreign, "a script cannot reach another prefix either: " + foreign);
            }
        }

        @Test
        void scoringCanScanItsOwnKeys() throws IOException {
            try (Resp scoring = connect("scoring-service")) {
                assertEquals("OK", scoring.call("SET", "cm:{p3}:a", "1"));
                Object reply = scoring.call("SCAN", "0", "MATCH", "cm:{p*", "COUNT", "1000");
                assertInstanceOf(List.class, reply, String.valueOf(reply));
                List<?> keys = (List<?>) ((List<?>) reply).get(1);
                assertTrue(keys.contains("cm:{p3}:a"), String.valueOf(keys));
            }
        }

        @Test
        void theDefaultUserCannotAuthenticateAtAll() throws IOException {
            try (Resp anonymous = connect(null)) {
                assertError("NOAUTH", anonymous.call("PING"));
                assertError("NOAUTH", anonymous.call("GET", "gw:x"));
                assertError("WRONGPASS", anonymous.call("AUTH", "anything"));
                assertError("WRONGPASS", anonymous.call("AUTH", "default", ""));
            }
        }

        @Test
        void keysFlushAndConfigAreRefusedToEveryServiceUser() throws IOException {
            for (String user : REDIS_KEY_PATTERNS.keySet()) {
                try (Resp service = connect(user)) {
                    assertError("NOPERM", service.call("KEYS", "*"));
                    assertError("NOPERM", service.call("FLUSHALL"));
                    assertError("NOPERM", service.call("CONFIG", "GET", "maxmemory"));
                    assertError("NOPERM", service.call("SUBSCRIBE", "x"));
                }
            }
            try (Resp probe = connect("probe")) {
                assertEquals("PONG", probe.call("PING"));
                assertError("NOPERM", probe.call("GET", "gw:x"));
                assertError("NOPERM", probe.call("CLUSTER", "NODES"));
            }
        }

        @Test
        void serviceUsersReadTheClusterTopologyButCannotChangeIt() throws IOException {
            for (String user : REDIS_KEY_PATTERNS.keySet()) {
                try (Resp service = connect(user)) {
                    Object slots = service.call("CLUSTER", "SLOTS");
                    assertInstanceOf(List.class, slots, user + ": CLUSTER SLOTS " + slots);
                    List<?> range = (List<?>) ((List<?>) slots).get(0);
                    assertEquals(List.of(0L, 16383L), range.subList(0, 2), user + ": the one node owns every slot");
                    assertEquals(List.of("redis-0.redis-headless.caimei.svc", (long) master.port),
                            ((List<?>) range.get(2)).subList(0, 2), "clients are sent to the pod's stable name (announced hostname)");
                    assertInstanceOf(List.class, service.call("CLUSTER", "SHARDS"), user + ": CLUSTER SHARDS");
                    assertTrue(String.valueOf(service.call("CLUSTER", "NODES")).contains("myself,master"), user + ": CLUSTER NODES");
                    assertEquals("OK", service.call("ASKING"), user + ": ASKING (slot migration)");

                    assertError("NOPERM", service.call("CLUSTER", "ADDSLOTS", "0"));
                    assertError("NOPERM", service.call("CLUSTER", "DELSLOTSRANGE", "0", "16383"));
                    assertError("NOPERM", service.call("CLUSTER", "RESET"));
                    assertError("NOPERM", service.call("CLUSTER", "FAILOVER"));
                    assertError("NOPERM", service.call("CLUSTER", "MEET", "127.0.0.1", "1"));
                    assertError("NOPERM", service.call("CLUSTER", "FORGET", "0000000000000000000000000000000000000000"));
                    assertError("NOPERM", service.call("CLUSTER", "SETSLOT", "0", "STABLE"));
                    assertError("NOPERM", service.call("CLUSTER", "REPLICATE", "0000000000000000000000000000000000000000"));
                }
            }
        }

        @Test
        void theReplicationUserCanOnlyReplicate() throws IOException {
            try (Resp replication = connect("replication")) {
                assertEquals("PONG", replication.call("PING"));
                for (String[] refused : List.of(new String[] {"GET", "gw:x"}, new String[] {"SET", "gw:x", "2"},
                        new String[] {"SCAN", "0"}, new String[] {"KEYS", "*"}, new String[] {"INFO"},
                        new String[] {"CLUSTER", "NODES"}, new String[] {"CLUSTER", "SLOTS"}, new String[] {"CONFIG", "GET", "*"},
                        new String[] {"FLUSHALL"}, new String[] {"EVAL", "return 1", "0"}, new String[] {"SUBSCRIBE", "x"})) {
                    assertError("NOPERM", replication.call(refused));
                }
            }
        }

        @Test
        void aReplicaAuthenticatesAsTheReplicationUserAndFollowsItsMaster() throws Exception {
            String delay;
            try (Resp admin = connect("admin")) {
                delay = String.valueOf(((List<?>) admin.call("CONFIG", "GET", "repl-diskless-sync-delay")).get(1));
                assertEquals("OK", admin.call("CONFIG", "SET", "repl-diskless-sync-delay", "0"), "no 5 s wait in a test");
            }
            String replicaId = null;
            try (Node replica = new Node("redis-1"); Resp admin = connect("admin"); Resp adminOnReplica = replica.connect("admin")) {
                String masterId = String.valueOf(admin.call("CLUSTER", "MYID"));
                replicaId = String.valueOf(adminOnReplica.call("CLUSTER", "MYID"));
                assertEquals("OK", adminOnReplica.call("CLUSTER", "MEET", "127.0.0.1", String.valueOf(master.port)));
                awaitTrue(() -> "OK".equals(adminOnReplica.call("CLUSTER", "REPLICATE", masterId)), CLUSTER_TIMEOUT_MILLIS,
                        "redis-1 to know redis-0 and become its replica");
                awaitTrue(() -> String.valueOf(adminOnReplica.call("INFO", "replication")).contains("master_link_status:up"),
                        CLUSTER_TIMEOUT_MILLIS, "the replication link (masteruser replication, masterauth from the start script)");
                assertTrue(String.valueOf(admin.call("CLIENT", "LIST", "TYPE", "replica")).contains("user=replication"),
                        "the replica is connected as the replication user");

                try (Resp ingest = connect("ingest-service")) {
                    assertEquals("OK", ingest.call("SET", "ing:replicated", "1"));
                }
                assertEquals("OK", adminOnReplica.call("READONLY"));
                awaitTrue(() -> "1".equals(adminOnReplica.call("GET", "ing:replicated")), CLUSTER_TIMEOUT_MILLIS,
                        "the write to reach the replica");
            } finally {
                try (Resp admin = connect("admin")) {
                    admin.call("CONFIG", "SET", "repl-diskless-sync-delay", delay);
                    if (replicaId != null) {
                        admin.call("CLUSTER", "FORGET", replicaId);
                    }
                }
            }
        }

        @Test
        void aFullRedisAnswersOutOfMemoryInsteadOfEvicting() throws IOException {
            try (Resp admin = connect("admin"); Resp ingest = connect("ingest-service")) {
                assertEquals("OK", ingest.call("SET", "ing:kept", "1"));
                assertEquals("OK", admin.call("CONFIG", "SET", "maxmemory", "1"));
                try {
                    assertError("OOM", ingest.call("SET", "ing:new", "1"));
                    assertEquals("1", ingest.call("GET", "ing:kept"), "nothing was evicted");
                } finally {
                    assertEquals("OK", admin.call("CONFIG", "SET", "maxmemory", "3gb"));
                }
                assertEquals("OK", ingest.call("SET", "ing:new", "1"));
            }
        }

        private static void assertError(String prefix, Object reply) {
            assertInstanceOf(RedisError.class, reply, "expected " + prefix + ", got " + reply);
            assertTrue(((RedisError) reply).message().startsWith(prefix), "expected " + prefix + ", got " + reply);
        }
    }

    private record RedisError(String message) { }

    /** A minimal RESP2 client: commands as arrays of bulk strings; replies as String, Long, List or RedisError. */
    private static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Resp(int port) throws IOException {
            socket = new Socket();
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(3_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        Object call(String... args) throws IOException {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(request.toByteArray());
            out.flush();
            return read();
        }

        private Object read() throws IOException {
            int type = in.read();
            String line = line();
            return switch (type) {
                case '+' -> line;
                case '-' -> new RedisError(line);
                case ':' -> Long.parseLong(line);
                case '$' -> {
                    int length = Integer.parseInt(line);
                    if (length < 0) {
                        yield null;
                    }
                    byte[] bytes = in.readNBytes(length + 2);
                    yield new String(bytes, 0, length, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int count = Integer.parseInt(line);
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        items.add(read());
                    }
                    yield items;
                }
                default -> throw new IOException("unexpected RESP type " + type + " " + line);
            };
        }

        private String line() throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\r') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                buffer.write(b);
            }
            in.read();
            return buffer.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
