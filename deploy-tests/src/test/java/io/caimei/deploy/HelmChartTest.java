package io.caimei.deploy;

import static io.caimei.deploy.Manifests.kind;
import static io.caimei.deploy.Manifests.name;
import static io.caimei.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** helm lint --strict and helm template, with the real Helm engine (helm-java). */
class HelmChartTest {

    @Test
    void chartPassesHelmLintStrict() {
        LintResult result = new Helm(Manifests.chart()).lint().strict().call();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]")),
                () -> "helm lint reported: " + result.getMessages());
    }

    @Test
    void defaultValuesRenderTheFullSetOfObjectsForEveryService() {
        List<Map<String, Object>> objects = Manifests.render(null);
        for (String kind : List.of("Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget",
                "NetworkPolicy", "HorizontalPodAutoscaler")) {
            Set<String> names = ofKind(objects, kind).stream().map(Manifests::name).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(List.of("caimei-gateway", "caimei-ingest-service", "caimei-ranking-service",
                    "caimei-scoring-service")), names, kind + " per service");
        }
        assertEquals(List.of("caimei-gateway"), ofKind(objects, "Ingress").stream().map(Manifests::name).toList());
        assertTrue(ofKind(objects, "ScaledObject").isEmpty(), "KEDA is off by default");
        assertTrue(ofKind(objects, "ServiceMonitor").isEmpty(), "ServiceMonitor is off by default");
    }

    @Test
    void productionValuesRenderKedaScaledObjectsAndServiceMonitors() {
        List<Map<String, Object>> objects = Manifests.render(Manifests.productionValues());
        assertEquals(List.of("caimei-ranking-service", "caimei-scoring-service"),
                ofKind(objects, "ScaledObject").stream().map(Manifests::name).sorted().toList());
        assertEquals(4, ofKind(objects, "ServiceMonitor").size());
        assertEquals(4, ofKind(objects, "Deployment").size());
        assertTrue(objects.stream().allMatch(o -> kind(o) != null && name(o) != null));
    }

    @Test
    void renderingFailsWhenScoringMaxReplicasExceedTheEventPartitions() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("services.scoring-service.autoscaling.maxReplicas", 13)));
        assertTrue(error.getMessage().contains("exceed the 12 partitions of caimei.events.v1"), error.getMessage());
    }

    @Test
    void renderingFailsWhenRankingMaxReplicasExceedTheScorePartitions() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("kafka.topics.scores.partitions", 4)));
        assertTrue(error.getMessage().contains("exceed the 4 partitions of caimei.scores.v1"), error.getMessage());
    }

    @Test
    void renderingFailsWhenMinReplicasExceedMaxReplicas() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("services.gateway.autoscaling.minReplicas", 7)));
        assertTrue(error.getMessage().contains("minReplicas (7) > maxReplicas (6)"), error.getMessage());
    }

    @Test
    void renderingFailsOnAnUnknownRedisMode() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Manifests.render(null, Map.of("redis.mode", "sentinel")));
        assertTrue(error.getMessage().contains("redis.mode must be standalone or cluster"), error.getMessage());
    }
}
