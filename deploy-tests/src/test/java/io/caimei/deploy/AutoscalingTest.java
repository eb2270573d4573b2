package io.caimei.deploy;

import static io.caimei.deploy.Manifests.fullname;
import static io.caimei.deploy.Manifests.integer;
import static io.caimei.deploy.Manifests.list;
import static io.caimei.deploy.Manifests.map;
import static io.caimei.deploy.Manifests.named;
import static io.caimei.deploy.Manifests.ofKind;
import static io.caimei.deploy.Manifests.serviceValues;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CPU HPAs for every service; KEDA (CPU + Kafka consumer lag) for scoring and ranking when switched on. */
class AutoscalingTest {

    private static final Map<String, String[]> CONSUMERS = Map.of(
            "scoring-service", new String[] {"caimei-scoring", "caimei.events.v1", "events"},
            "ranking-service", new String[] {"caimei-ranking", "caimei.scores.v1", "scores"},
            "ingest-service", new String[] {"caimei-ingest-raw", "caimei.raw.*", "raw"});

    @Test
    void everyServiceHasAnHpaWithTheBoundsOfTheDefaultValues() {
        List<Map<String, Object>> objects = Manifests.render(null);
        Map<String, Object> values = Manifests.values(null);
        assertEquals(4, ofKind(objects, "HorizontalPodAutoscaler").size());
        for (String service : Manifests.SERVICES) {
            HorizontalPodAutoscaler hpa = Manifests.typed(named(objects, "HorizontalPodAutoscaler", fullname(service)),
                    HorizontalPodAutoscaler.class);
            Map<String, Object> autoscaling = map(serviceValues(values, service), "autoscaling");
            assertEquals(integer(autoscaling, "minReplicas"), hpa.getSpec().getMinReplicas(), service);
            assertEquals(integer(autoscaling, "maxReplicas"), hpa.getSpec().getMaxReplicas(), service);
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(fullname(service), hpa.getSpec().getScaleTargetRef().getName());
            var metric = hpa.getSpec().getMetrics().get(0);
            assertEquals("cpu", metric.getResource().getName(), service);
            assertEquals("Utilization", metric.getResource().getTarget().getType(), service);
            assertEquals(integer(autoscaling, "targetCPUUtilizationPercentage"),
                    metric.getResource().getTarget().getAverageUtilization(), service);
        }
        // The concrete defaults, so that a silent change of values.yaml shows up here.
        assertEquals(12, integer(named(objects, "HorizontalPodAutoscaler", fullname("scoring-service")), "spec.maxReplicas"));
        assertEquals(2, integer(named(objects, "HorizontalPodAutoscaler", fullname("gateway")), "spec.minReplicas"));
        assertEquals(6, integer(named(objects, "HorizontalPodAutoscaler", fullname("gateway")), "spec.maxReplicas"));
    }

    @Test
    void replicaBoundsSetAtInstallTimeReachTheHpa() {
        List<Map<String, Object>> objects = Manifests.render(null, Map.of(
                "services.ingest-service.autoscaling.minReplicas", 4, "services.ingest-service.autoscaling.maxReplicas", 9));
        Map<String, Object> hpa = named(objects, "HorizontalPodAutoscaler", fullname("ingest-service"));
        assertEquals(4, integer(hpa, "spec.minReplicas"));
        assertEquals(9, integer(hpa, "spec.maxReplicas"));
    }

    @Test
    void productionValuesScaleScoringAndRankingOnKafkaConsumerLagWithKedaAuthenticatedAsItsOwnUser() {
        List<Map<String, Object>> objects = Manifests.render(Manifests.productionValues());
        // KEDA owns the HPA of the services it scales: no second HPA fights over the same Deployment.
        assertEquals(List.of(fullname("gateway"), fullname("ingest-service")),
                ofKind(objects, "HorizontalPodAutoscaler").stream().map(Manifests::name).sorted().toList());
        // service -> group, topic, lag threshold (fixed expectations of values-production.yaml)
        Map<String, List<String>> expected = Map.of(
                "scoring-service", List.of("caimei-scoring", "caimei.events.v1", "20000"),
                "ranking-service", List.of("caimei-ranking", "caimei.scores.v1", "10000"));
        expected.forEach((service, want) -> {
            Map<String, Object> scaled = named(objects, "ScaledObject", fullname(service));
            assertEquals("keda.sh/v1alpha1", scaled.get("apiVersion"));
            assertEquals(fullname(service), str(scaled, "spec.scaleTargetRef.name"));
            assertEquals(3, integer(scaled, "spec.minReplicaCount"), service);
            assertEquals(12, integer(scaled, "spec.maxReplicaCount"), service);
            Map<String, Object> kafka = map(scaled, "spec.triggers.type=kafka.metadata");
            assertEquals(want.get(0), kafka.get("consumerGroup"), service);
            assertEquals(want.get(1), kafka.get("topic"), service);
            assertEquals("caimei-kafka-bootstrap.caimei.svc:9092", kafka.get("bootstrapServers"),
                    service + ": KEDA resolves the name from its own namespace");
            assertEquals(want.get(2), kafka.get("lagThreshold"), service);
            assertEquals("false", kafka.get("allowIdleConsumers"), service);
            assertEquals("scram_sha512", kafka.get("sasl"), service);
            assertEquals("disable", kafka.get("tls"), service);
            String auth = str(scaled, "spec.triggers.type=kafka.authenticationRef.name");
            assertEquals(fullname(service) + "-kafka", auth);
            Map<String, Object> trigger = named(objects, "TriggerAuthentication", auth);
            assertEquals("keda-kafka/username,keda-kafka/password", list(trigger, "spec.secretTargetRef").stream()
                    .map(r -> str(r, "name") + "/" + str(r, "key")).collect(java.util.stream.Collectors.joining(",")));
            Map<String, Object> cpu = map(scaled, "spec.triggers.type=cpu");
            assertEquals("Utilization", cpu.get("metricType"));
            assertEquals("65", str(cpu, "metadata.value"));
            assertEquals(2, list(scaled, "spec.triggers").size());
        });
    }

    @Test
    void aConsumerScaledPastItsPartitionsIsRefused() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Manifests.render(Manifests.productionValues(), Map.of("services.ingest-service.autoscaling.maxReplicas", 17)));
        assertTrue(e.getMessage().contains("services.ingest-service: 17 replicas would exceed the 16 partitions of caimei.raw.*"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void consumerReplicasNeverExceedTheirTopicPartitions(String file) {
        Map<String, Object> values = Manifests.values(Manifests.chart().resolve(file));
        for (Map.Entry<String, String[]> consumer : CONSUMERS.entrySet()) {
            Map<String, Object> svc = serviceValues(values, consumer.getKey());
            assertEquals(consumer.getValue()[0], str(svc, "kafkaConsumer.group"));
            assertEquals(consumer.getValue()[2], str(svc, "kafkaConsumer.topic"));
            Map<String, Object> topic = map(values, "kafka.topics." + consumer.getValue()[2]);
            assertEquals(consumer.getValue()[1], topic.get("name"));
            assertTrue(integer(svc, "autoscaling.maxReplicas") <= integer(topic, "partitions"),
                    consumer.getKey() + " maxReplicas > partitions in " + file);
        }
    }
}
