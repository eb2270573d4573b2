package io.caimei.deploy;

import static io.caimei.deploy.Manifests.kind;
import static io.caimei.deploy.Manifests.list;
import static io.caimei.deploy.Manifests.map;
import static io.caimei.deploy.Manifests.name;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rendered object and every k8s/ object parses as a valid object of its kind: the fabric8 Kubernetes model
 * for Kubernetes kinds and the Prometheus Operator ServiceMonitor, the Strimzi API model for Strimzi kinds, with
 * no unknown or mistyped field. Kinds without a Java model on Maven Central here (KEDA ScaledObject,
 * CloudNativePG Cluster, Keycloak operator CRs) are checked structurally.
 */
class KubernetesObjectValidityTest {

    private static final Set<String> STRUCTURAL_KINDS = Set.of(
            "keda.sh/v1alpha1/ScaledObject", "keda.sh/v1alpha1/TriggerAuthentication", "postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/ScheduledBackup",
            "k8s.keycloak.org/v2alpha1/Keycloak", "k8s.keycloak.org/v2alpha1/KeycloakRealmImport");

    private static void assertValid(Map<String, Object> object) {
        String gvk = object.get("apiVersion") + "/" + kind(object);
        assertNotNull(name(object), gvk + " without metadata.name");
        assertTrue(name(object).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && name(object).length() <= 253,
                "invalid name " + name(object));
        if (STRUCTURAL_KINDS.contains(gvk)) {
            assertStructurallyValid(object, gvk);
        } else {
            HasMetadata parsed = Manifests.parseAsItsKind(object);
            assertEquals(name(object), parsed.getMetadata().getName());
        }
    }

    private static void assertStructurallyValid(Map<String, Object> object, String gvk) {
        Map<String, Object> spec = map(object, "spec");
        assertFalse(spec.isEmpty(), gvk + " has a spec");
        switch (kind(object)) {
            case "ScaledObject" -> {
                assertNotNull(str(spec, "scaleTargetRef.name"));
                assertTrue(Integer.parseInt(str(spec, "minReplicaCount")) <= Integer.parseInt(str(spec, "maxReplicaCount")));
                assertFalse(list(spec, "triggers").isEmpty());
                for (Object trigger : list(spec, "triggers")) {
                    assertTrue(Set.of("cpu", "kafka").contains(str(trigger, "type")), "trigger type " + str(trigger, "type"));
                    map(trigger, "metadata").values().forEach(v -> assertTrue(v instanceof String, "KEDA metadata are strings"));
                }
                assertEquals(Set.of("scaleTargetRef", "minReplicaCount", "maxReplicaCount", "pollingInterval",
                        "cooldownPeriod", "advanced", "triggers"), spec.keySet());
            }
            case "TriggerAuthentication" -> {
                assertEquals(Set.of("secretTargetRef"), spec.keySet());
                for (Object ref : list(spec, "secretTargetRef")) {
                    assertEquals(Set.of("parameter", "name", "key"), ((Map<?, ?>) ref).keySet());
                }
            }
            case "ScheduledBackup" -> {
                assertEquals(6, str(spec, "schedule").trim().split("\\s+").length, "CloudNativePG schedules have seconds");
                assertNotNull(str(spec, "cluster.name"));
            }
            case "Cluster" -> {
                assertTrue(Integer.parseInt(str(spec, "instances")) >= 1);
                assertNotNull(str(spec, "storage.size"));
                assertNotNull(str(spec, "bootstrap.initdb.database"));
                assertNotNull(str(spec, "bootstrap.initdb.owner"));
            }
            case "Keycloak" -> {
                assertTrue(Integer.parseInt(str(spec, "instances")) >= 1);
                assertEquals("postgres", str(spec, "db.vendor"));
                assertNotNull(str(spec, "db.usernameSecret.name"));
                assertNotNull(str(spec, "db.passwordSecret.name"));
                assertNotNull(str(spec, "hostname.hostname"));
            }
            case "KeycloakRealmImport" -> {
                assertNotNull(str(spec, "keycloakCRName"));
                assertNotNull(str(spec, "realm.realm"));
            }
            default -> throw new AssertionError("unexpected " + gvk);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void everyRenderedObjectIsAValidKubernetesObjectOfItsKind(String file) {
        List<Map<String, Object>> objects = Manifests.render(Manifests.chart().resolve(file));
        assertTrue(objects.size() >= 29, "rendered " + objects.size());
        objects.forEach(KubernetesObjectValidityTest::assertValid);
        if (file.equals("values-production.yaml")) {
            Manifests.typed(Manifests.named(objects, "ServiceMonitor", "caimei-gateway"), ServiceMonitor.class);
        }
    }

    @Test
    void everyPlatformManifestIsAValidObjectOfItsKind() {
        List<Map<String, Object>> objects = Manifests.allK8sObjects();
        Map<String, Integer> kinds = new HashMap<>();
        for (Map<String, Object> object : objects) {
            assertValid(object);
            kinds.merge(kind(object), 1, Integer::sum);
        }
        assertEquals(Map.ofEntries(Map.entry("Namespace", 1), Map.entry("KafkaNodePool", 2), Map.entry("Kafka", 1),
                Map.entry("KafkaTopic", 12), Map.entry("KafkaUser", 5), Map.entry("Cluster", 2), Map.entry("ScheduledBackup", 2),
                Map.entry("ConfigMap", 1), Map.entry("Service", 1), Map.entry("StatefulSet", 1), Map.entry("Job", 1),
                Map.entry("Keycloak", 1),
                Map.entry("KeycloakRealmImport", 1), Map.entry("NetworkPolicy", 4)), kinds);
        for (Map<String, Object> object : objects) {
            switch (kind(object)) {
                case "Kafka" -> Manifests.typed(object, Kafka.class);
                case "KafkaNodePool" -> Manifests.typed(object, KafkaNodePool.class);
                case "KafkaTopic" -> Manifests.typed(object, KafkaTopic.class);
                case "KafkaUser" -> Manifests.typed(object, io.strimzi.api.kafka.model.user.KafkaUser.class);
                default -> { }
            }
        }
    }

    @Test
    void theValidityCheckRejectsMisspeltAndMistypedFields() {
        Map<String, Object> deployment = Manifests.named(Manifests.render(null), "Deployment", "caimei-gateway");
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) list(deployment, "spec.template.spec.containers").get(0);
        container.put("readinesProbe", container.remove("readinessProbe"));
        assertThrows(AssertionError.class, () -> Manifests.parseAsItsKind(deployment));

        Map<String, Object> topic = new HashMap<>(Manifests.named(Manifests.allK8sObjects(), "KafkaTopic", "caimei.events.v1"));
        topic.put("spec", Map.of("partitons", 12, "replicas", 3));
        assertThrows(AssertionError.class, () -> Manifests.typed(topic, KafkaTopic.class));

        assertThrows(AssertionError.class, () -> Manifests.parseAsItsKind(
                Map.of("apiVersion", "apps/v1", "kind", "Deploymint", "metadata", Map.of("name", "x"))));
        assertNull(Manifests.modelClass(Map.of("apiVersion", "keda.sh/v1alpha1", "kind", "ScaledObject")));
    }
}
