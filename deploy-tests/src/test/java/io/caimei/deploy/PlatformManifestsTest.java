package io.caimei.deploy;

import static io.caimei.deploy.Manifests.integer;
import static io.caimei.deploy.Manifests.kind;
import static io.caimei.deploy.Manifests.list;
import static io.caimei.deploy.Manifests.map;
import static io.caimei.deploy.Manifests.name;
import static io.caimei.deploy.Manifests.named;
import static io.caimei.deploy.Manifests.ofKind;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** k8s/: the platform the chart expects, in apply order, matching the chart's defaults. */
class PlatformManifestsTest {

    private static final List<String> CHANNELS = List.of("crbt", "caller_id", "outbound_12530", "msg_5g", "migu_app",
            "mini_program", "cmcc_app_sdk", "h5");

    /** The chart's Redis seeds: the first three pods of the StatefulSet redis, by their headless-Service names. */
    private static final String REDIS_SEEDS = "redis://redis-0.redis-headless.caimei.svc:6379,"
            + "redis://redis-1.redis-headless.caimei.svc:6379,redis://redis-2.redis-headless.caimei.svc:6379";

    private static List<Map<String, Object>> objects(String file) {
        return Manifests.readYamlDocuments(Manifests.k8sDir().resolve(file));
    }

    @Test
    void manifestsAreNumberedInApplyOrderAndLiveInTheCaimeiNamespace() {
        List<String> files = Manifests.k8sManifests().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("00-namespace.yaml", "10-kafka.yaml", "11-kafka-topics.yaml", "12-kafka-users.yaml",
                "20-postgresql.yaml", "30-redis.yaml", "40-keycloak.yaml", "41-keycloak-realm.yaml",
                "50-network-policies.yaml"), files);
        assertEquals("caimei", name(named(objects("00-namespace.yaml"), "Namespace", "caimei")));
        for (Path file : Manifests.k8sManifests().subList(1, files.size())) {
            for (Map<String, Object> object : Manifests.readYamlDocuments(file)) {
                assertEquals(Manifests.NAMESPACE, str(object, "metadata.namespace"), file + " " + kind(object) + " " + name(object));
            }
        }
    }

    @Test
    void kafkaRunsInKraftModeOnControllerAndBrokerNodePools() {
        Kafka kafka = Manifests.typed(named(objects("10-kafka.yaml"), "Kafka", "caimei"), Kafka.class);
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/kraft"));
        assertEquals("enabled", kafka.getMetadata().getAnnotations().get("strimzi.io/node-pools"));
        assertTrue(kafka.getSpec().getKafka().getVersion().startsWith("4."), "Kafka 4 (KRaft only)");
        assertEquals(2, kafka.getSpec().getKafka().getConfig().get("min.insync.replicas"));
        assertEquals(3, kafka.getSpec().getKafka().getConfig().get("default.replication.factor"));
        assertEquals(2, kafka.getSpec().getKafka().getConfig().get("transaction.state.log.min.isr"));
        assertEquals(9092, kafka.getSpec().getKafka().getListeners().stream().filter(l -> l.getName().equals("plain"))
                .findFirst().orElseThrow().getPort());
        Map<String, Set<ProcessRoles>> pools = ofKind(objects("10-kafka.yaml"), "KafkaNodePool").stream()
                .map(o -> Manifests.typed(o, KafkaNodePool.class))
                .peek(p -> assertEquals("caimei", p.getMetadata().getLabels().get("strimzi.io/cluster")))
                .peek(p -> assertEquals(3, p.getSpec().getReplicas(), p.getMetadata().getName()))
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> Set.copyOf(p.getSpec().getRoles())));
        assertEquals(Map.of("controller", Set.of(ProcessRoles.CONTROLLER), "broker", Set.of(ProcessRoles.BROKER)), pools);
    }

    @Test
    void topicsHaveThePartitionsTheChartSizesTheConsumersFor() {
        Map<String, Integer> partitions = new TreeMap<>();
        for (Map<String, Object> object : objects("11-kafka-topics.yaml")) {
            KafkaTopic topic = Manifests.typed(object, KafkaTopic.class);
            assertEquals("caimei", topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            assertEquals(3, topic.getSpec().getReplicas());
            String topicName = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
            partitions.put(topicName, topic.getSpec().getPartitions());
        }
        Map<String, Integer> expected = new TreeMap<>(Map.of("caimei.events.v1", 12, "caimei.scores.v1", 12,
                "caimei.periods.v1", 1, "caimei.events.dlq.v1", 3));
        // 16: ingest-service's maxReplicas, one consumer of group caimei-ingest-raw per replica.
        CHANNELS.forEach(c -> expected.put("caimei.raw." + c, 16));
        assertEquals(expected, partitions);

        Map<String, Object> values = Manifests.values(null);
        assertEquals(partitions.get(str(values, "kafka.topics.events.name")), integer(values, "kafka.topics.events.partitions"));
        assertEquals(partitions.get(str(values, "kafka.topics.scores.name")), integer(values, "kafka.topics.scores.partitions"));
        Map<String, Object> production = Manifests.values(Manifests.productionValues());
        assertEquals(partitions.get("caimei.events.v1"), integer(production, "kafka.topics.events.partitions"));
        assertEquals(partitions.get("caimei.scores.v1"), integer(production, "kafka.topics.scores.partitions"));
        assertTrue(integer(production, "services.scoring-service.autoscaling.maxReplicas") <= partitions.get("caimei.events.v1"));
        assertTrue(integer(production, "services.ranking-service.autoscaling.maxReplicas") <= partitions.get("caimei.scores.v1"));
        for (String channel : CHANNELS) {
            assertEquals(partitions.get("caimei.raw." + channel), integer(values, "kafka.topics.raw.partitions"), channel);
            assertTrue(integer(production, "services.ingest-service.autoscaling.maxReplicas")
                    <= partitions.get("caimei.raw." + channel), channel);
        }
    }

    @Test
    void chartDefaultsPointAtThePlatformServices() {
        Map<String, Object> values = Manifests.values(null);
        String kafka = name(named(objects("10-kafka.yaml"), "Kafka", "caimei"));
        assertEquals(kafka + "-kafka-bootstrap.caimei.svc:9092", str(values, "kafka.bootstrapServers"));

        Map<String, Object> postgres = named(objects("20-postgresql.yaml"), "Cluster", "caimei-postgres");
        assertEquals("caimei", str(postgres, "spec.bootstrap.initdb.database"));
        assertEquals("postgresql://caimei-postgres-rw.caimei.svc:5432/" + str(postgres, "spec.bootstrap.initdb.database"),
                str(values, "postgresql.url"), "CloudNativePG read-write Service <cluster>-rw");
        assertEquals("caimei-postgres-app", str(values, "postgresql.existingSecret"), "CloudNativePG app Secret <cluster>-app");
        assertTrue(integer(postgres, "spec.instances") >= 2, "a standby for failover");

        Map<String, Object> redis = named(objects("30-redis.yaml"), "Service", "redis-headless");
        assertEquals("6379", str(redis, "spec.ports.name=redis.port"));
        Map<String, Object> redisNodes = named(objects("30-redis.yaml"), "StatefulSet", "redis");
        assertEquals("redis-headless", str(redisNodes, "spec.serviceName"), "pod names redis-N.redis-headless.caimei.svc");
        assertEquals(6, integer(redisNodes, "spec.replicas"));
        Map<String, Object> production = Manifests.values(Manifests.productionValues());
        for (Map<String, Object> chart : List.of(values, production)) {
            assertEquals("cluster", str(chart, "redis.mode"), "k8s/30-redis.yaml runs a Redis Cluster");
            assertEquals(REDIS_SEEDS, str(chart, "redis.hosts"));
            assertEquals("caimei-redis", str(chart, "redis.existingSecret"), "the Secret 30-redis.yaml renders its ACL users from");
        }
        Map<String, Object> redisConfig = named(objects("30-redis.yaml"), "ConfigMap", "redis");
        assertTrue(String.valueOf(map(redisConfig, "data").get("redis.conf")).contains("appendonly yes"), "Redis persists (AOF)");

        Map<String, Object> keycloak = named(objects("40-keycloak.yaml"), "Keycloak", "caimei-keycloak");
        assertEquals("https://" + str(keycloak, "spec.hostname.hostname") + "/realms/caimei", str(values, "oidc.issuer"));
        assertEquals("keycloak-postgres-rw", str(keycloak, "spec.db.host"));
        assertEquals("keycloak-postgres-app", str(keycloak, "spec.db.usernameSecret.name"));
        assertEquals("keycloak", str(named(objects("20-postgresql.yaml"), "Cluster", "keycloak-postgres"),
                "spec.bootstrap.initdb.database"));
    }

    @Test
    void redisRunsNonRootWithAReadOnlyRootFilesystem() {
        Map<String, Object> statefulSet = named(objects("30-redis.yaml"), "StatefulSet", "redis");
        Map<String, Object> job = named(objects("30-redis.yaml"), "Job", "redis-cluster-create");
        for (Map<String, Object> workload : List.of(statefulSet, job)) {
            String what = kind(workload) + " " + name(workload);
            assertEquals("true", str(workload, "spec.template.spec.securityContext.runAsNonRoot"), what);
            assertEquals("false", str(workload, "spec.template.spec.automountServiceAccountToken"), what);
            assertEquals(1, list(workload, "spec.template.spec.containers").size(), what);
            Object container = list(workload, "spec.template.spec.containers").get(0);
            assertEquals("true", str(container, "securityContext.readOnlyRootFilesystem"), what);
            assertEquals("false", str(container, "securityContext.allowPrivilegeEscalation"), what);
            assertEquals(List.of("ALL"), list(container, "securityContext.capabilities.drop"), what);
        }
        assertEquals("/data", str(list(statefulSet, "spec.template.spec.containers").get(0), "volumeMounts.name=data.mountPath"));
    }

    @Test
    void k8sRedisHasTheseObjects() {
        assertEquals(List.of("ConfigMap redis", "Service redis-headless", "StatefulSet redis", "Job redis-cluster-create"),
                objects("30-redis.yaml").stream().map(o -> kind(o) + " " + name(o)).toList());
        assertEquals(List.of("v1", "v1", "apps/v1", "batch/v1"),
                objects("30-redis.yaml").stream().map(o -> String.valueOf(o.get("apiVersion"))).toList());
    }
}
