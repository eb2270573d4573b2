package io.caimei.deploy;

import static io.caimei.deploy.Manifests.fullname;
import static io.caimei.deploy.Manifests.named;
import static io.caimei.deploy.Manifests.ofKind;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the gateway is reachable from outside; the backends only from the gateway (and Prometheus). */
class NetworkPolicyTest {

  private static final Map<String, String> GATEWAY_PODS =
      Map.of("app.kubernetes.io/name", "gateway", "app.kubernetes.io/instance", Manifests.RELEASE);
  private static final Map<String, String> INGRESS_CONTROLLER_NAMESPACE =
      Map.of("kubernetes.io/metadata.name", "ingress-nginx");
  private static final Map<String, String> MONITORING_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");

  private static NetworkPolicy policy(List<Map<String, Object>> objects, String service) {
    return Manifests.typed(named(objects, "NetworkPolicy", fullname(service)), NetworkPolicy.class);
  }

  private static void assertOnlyPort8080(NetworkPolicyIngressRule rule, String service) {
    assertEquals(1, rule.getPorts().size(), service);
    assertEquals(8080, rule.getPorts().get(0).getPort().getIntVal(), service);
    assertEquals("TCP", rule.getPorts().get(0).getProtocol(), service);
  }

  private static Map<String, String> labels(LabelSelector selector) {
    return selector == null ? null : selector.getMatchLabels();
  }

  @ParameterizedTest
  @ValueSource(strings = {"values.yaml", "values-production.yaml"})
  void everyChartPodIsIsolatedByANetworkPolicyOfItsOwn(String file) {
    List<Map<String, Object>> objects = Manifests.render(Manifests.chart().resolve(file));
    assertEquals(4, ofKind(objects, "NetworkPolicy").size());
    for (String service : Manifests.SERVICES) {
      NetworkPolicy policy = policy(objects, service);
      assertEquals(Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/instance", Manifests.RELEASE),
          policy.getSpec().getPodSelector().getMatchLabels(), service);
      assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes(), service);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"values.yaml", "values-production.yaml"})
  void onlyTheGatewayIsReachableFromTheIngressController(String file) {
    List<Map<String, Object>> objects = Manifests.render(Manifests.chart().resolve(file));
    List<NetworkPolicyIngressRule> rules = policy(objects, "gateway").getSpec().getIngress();
    assertEquals(2, rules.size());
    NetworkPolicyPeer controller = rules.get(0).getFrom().get(0);
    assertEquals(INGRESS_CONTROLLER_NAMESPACE, labels(controller.getNamespaceSelector()));
    assertNull(controller.getIpBlock(), "no IP block: nothing but the Ingress controller");
    assertOnlyPort8080(rules.get(0), "gateway");
    assertEquals(MONITORING_NAMESPACE, labels(rules.get(1).getFrom().get(0).getNamespaceSelector()));
    for (String backend : Manifests.BACKENDS) {
      boolean reachableFromController = policy(objects, backend).getSpec().getIngress().stream()
          .flatMap(r -> r.getFrom().stream())
          .anyMatch(p -> INGRESS_CONTROLLER_NAMESPACE.equals(labels(p.getNamespaceSelector())));
      assertTrue(!reachableFromController, backend + " must not be reachable from the Ingress controller");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"values.yaml", "values-production.yaml"})
  void backendsAcceptTrafficOnlyFromTheGatewayAndPrometheus(String file) {
    List<Map<String, Object>> objects = Manifests.render(Manifests.chart().resolve(file));
    for (String backend : Manifests.BACKENDS) {
      List<NetworkPolicyIngressRule> rules = policy(objects, backend).getSpec().getIngress();
      assertEquals(2, rules.size(), backend);
      assertEquals(1, rules.get(0).getFrom().size(), backend);
      NetworkPolicyPeer gateway = rules.get(0).getFrom().get(0);
      assertEquals(GATEWAY_PODS, labels(gateway.getPodSelector()), backend + " admits the gateway's pods");
      assertNull(gateway.getNamespaceSelector(), backend + ": gateway pods of this namespace only");
      assertOnlyPort8080(rules.get(0), backend);
      assertEquals(1, rules.get(1).getFrom().size(), backend);
      assertEquals(MONITORING_NAMESPACE, labels(rules.get(1).getFrom().get(0).getNamespaceSelector()), backend);
      assertOnlyPort8080(rules.get(1), backend);
      assertTrue(rules.stream().flatMap(r -> r.getFrom().stream()).allMatch(p -> p.getIpBlock() == null), backend);
    }
    // Without a Prometheus peer the gateway is the only way in.
    List<Map<String, Object>> noMetrics = Manifests.render(Manifests.chart().resolve(file),
        Map.of("networkPolicy.metricsFrom", "null"));
    for (String backend : Manifests.BACKENDS) {
      List<NetworkPolicyPeer> peers = policy(noMetrics, backend).getSpec().getIngress().stream()
          .flatMap(r -> r.getFrom().stream()).collect(Collectors.toList());
      assertEquals(1, peers.size(), backend);
      assertEquals(GATEWAY_PODS, labels(peers.get(0).getPodSelector()), backend);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"values.yaml", "values-production.yaml"})
  void theIngressRoutesEverythingToTheGatewayOnly(String file) {
    List<Map<String, Object>> objects = Manifests.render(Manifests.chart().resolve(file));
    assertEquals(1, ofKind(objects, "Ingress").size());
    Ingress ingress = Manifests.typed(named(objects, "Ingress", fullname("gateway")), Ingress.class);
    assertEquals(str(Manifests.values(Manifests.chart().resolve(file)), "ingress.host"),
        ingress.getSpec().getRules().get(0).getHost());
    var paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
    assertEquals(1, paths.size());
    assertEquals("/", paths.get(0).getPath());
    assertEquals(fullname("gateway"), paths.get(0).getBackend().getService().getName());
    assertEquals("http", paths.get(0).getBackend().getService().getPort().getName());
    for (Map<String, Object> service : ofKind(objects, "Service")) {
      assertEquals("ClusterIP", str(service, "spec.type"), "no Service is exposed by itself");
    }
  }
}
