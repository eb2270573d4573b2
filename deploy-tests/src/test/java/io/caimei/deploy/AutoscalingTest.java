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
      "ranking-service", new String[] {"caimei-ranking", "caimei.scores.v1", "scores"});

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
  void productionValuesScaleScoringAndRankingOnKafkaConsumerLagWithKeda() {
    Path production = Manifests.productionValues();
    List<Map<String, Object>> objects = Manifests.render(production);
    Map<String, Object> values = Manifests.values(production);
    // KEDA owns the HPA of the services it scales: no second HPA fights over the same Deployment.
    assertEquals(List.of(fullname("gateway"), fullname("ingest-service")),
        ofKind(objects, "HorizontalPodAutoscaler").stream().map(Manifests::name).sorted().toList());
    for (Map.Entry<String, String[]> consumer : CONSUMERS.entrySet()) {
      String service = consumer.getKey();
      Map<String, Object> scaled = named(objects, "ScaledObject", fullname(service));
      assertEquals("keda.sh/v1alpha1", scaled.get("apiVersion"));
      assertEquals(fullname(service), str(scaled, "spec.scaleTargetRef.name"));
      Map<String, Object> svcValues = serviceValues(values, service);
      assertEquals(integer(svcValues, "autoscaling.minReplicas"), integer(scaled, "spec.minReplicaCount"), service);
      assertEquals(integer(svcValues, "autoscaling.maxReplicas"), integer(scaled, "spec.maxReplicaCount"), service);
      Map<String, Object> kafka = map(scaled, "spec.triggers.type=kafka.metadata");
      assertEquals(consumer.getValue()[0], kafka.get("consumerGroup"), service);
      assertEquals(consumer.getValue()[1], kafka.get("topic"), service);
      assertEquals(str(values, "kafka.bootstrapServers"), kafka.get("bootstrapServers"), service);
      assertEquals(str(svcValues, "keda.lagThreshold"), kafka.get("lagThreshold"), service);
      assertEquals("false", kafka.get("allowIdleConsumers"), service);
      Map<String, Object> cpu = map(scaled, "spec.triggers.type=cpu");
      assertEquals("Utilization", cpu.get("metricType"));
      assertEquals(str(svcValues, "autoscaling.targetCPUUtilizationPercentage"), str(cpu, "metadata.value"));
      assertEquals(2, list(scaled, "spec.triggers").size());
    }
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
