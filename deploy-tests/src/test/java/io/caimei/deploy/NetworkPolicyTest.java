package io.caimei.deploy;

import static io.caimei.deploy.Manifests.list;
import static io.caimei.deploy.Manifests.map;
import static io.caimei.deploy.Manifests.name;
import static io.caimei.deploy.Manifests.ofKind;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's NetworkPolicies admit exactly the flows the services make: each pod's outbound endpoints are derived
 * from its rendered environment (REST clients, Kafka, Redis, PostgreSQL, the OIDC issuer) plus DNS, and every
 * ingress and egress rule must carry one of those flows, or the Ingress controller's and Prometheus' traffic.
 */
class NetworkPolicyTest {

    /** Where the platform's endpoints live, as a platform engineer would write the peers (fixed, not from values). */
    private static final Map<String, String> HOST_TO_ENDPOINT = Map.of(
            "caimei-kafka-bootstrap.caimei.svc", "kafka",
            "redis-0.redis-headless.caimei.svc", "redis",
            "redis-1.redis-headless.caimei.svc", "redis",
            "redis-2.redis-headless.caimei.svc", "redis",
            "caimei-postgres-rw.caimei.svc", "postgresql",
            "sso.caimei.example", "oidc");
    private static final Map<String, String> ENDPOINT_PEERS = Map.of(
            "kafka", "pods{strimzi.io/broker-role=true, strimzi.io/cluster=caimei}",
            "redis", "pods{app.kubernetes.io/name=redis}",
            "postgresql", "pods{cnpg.io/cluster=caimei-postgres}",
            "oidc", "namespace{kubernetes.io/metadata.name=ingress-nginx}",
            "dns", "namespace{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns}",
            "ingress-controller", "namespace{kubernetes.io/metadata.name=ingress-nginx}",
            "prometheus", "namespace{kubernetes.io/metadata.name=monitoring}",
            "keycloak", "pods{app=keycloak}");

    /**
     * True when the production realm's gateway client tells Keycloak to call this service's back-channel logout
     * (k8s/41-keycloak-realm.yaml, {@code backchannel.logout.url} naming the service's rendered Service).
     */
    static boolean realmCallsBackChannelLogoutOf(List<Map<String, Object>> rendered, String service) {
        Map<String, Object> realm = map(Manifests.named(Manifests.readYamlDocuments(
                Manifests.k8sDir().resolve("41-keycloak-realm.yaml")), "KeycloakRealmImport", "caimei-realm"), "spec.realm");
        for (Object client : list(realm, "clients")) {
            Object url = map(client, "attributes") == null ? null : map(client, "attributes").get("backchannel.logout.url");
            if (url != null) {
                String host = URI.create(url.toString()).getHost();
                String serviceName = host.substring(0, host.indexOf('.'));
                Map<String, Object> svc = Manifests.named(rendered, "Service", serviceName);
                if (service.equals(String.valueOf(map(svc, "spec.selector").get("app.kubernetes.io/name")))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The flows of each pod, derived from its rendered environment: "to-peer TCP|UDP port". */
    static Set<String> egressFlows(List<Map<String, Object>> rendered, String service) {
        Map<String, String> env = ChartPods.of(rendered, anySecrets(rendered)).get(service).env();
        Set<String> flows = new TreeSet<>();
        env.forEach((k, v) -> {
            if (k.startsWith("QUARKUS_REST_CLIENT_") && k.endsWith("_URL")) {
                URI uri = URI.create(v);
                Map<String, Object> svc = Manifests.named(rendered, "Service", uri.getHost());
                String target = String.valueOf(map(svc, "spec.selector").get("app.kubernetes.io/name"));
                // Service port -> targetPort name -> the target container's port
                String targetPort = str(svc, "spec.ports.port=" + uri.getPort() + ".targetPort");
                Map<String, Object> deployment = Manifests.named(rendered, "Deployment", "caimei-" + target);
                String containerPort = str(deployment, "spec.template.spec.containers.0.ports.name=" + targetPort + ".containerPort");
                flows.add(podPeer(target) + " TCP " + containerPort);
            }
        });
        for (String key : List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_REDIS_HOSTS", "QUARKUS_DATASOURCE_REACTIVE_URL",
                "QUARKUS_OIDC_AUTH_SERVER_URL")) {
            String value = env.get(key);
            if (value == null) {
                continue;
            }
            for (String each : value.split(",")) {
                URI uri = URI.create(each.contains("://") ? each.trim() : "tcp://" + each.trim());
                int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
                String endpoint = HOST_TO_ENDPOINT.get(uri.getHost());
                assertTrue(endpoint != null, service + " calls " + uri.getHost() + ", which is no known endpoint");
                flows.add(ENDPOINT_PEERS.get(endpoint) + " TCP " + port);
            }
        }
        flows.add(ENDPOINT_PEERS.get("dns") + " UDP 53");
        flows.add(ENDPOINT_PEERS.get("dns") + " TCP 53");
        return flows;
    }

    /** Who calls each pod: the pods whose flows reach it, the Ingress controller (gateway), Prometheus (metrics). */
    static Set<String> ingressFlows(List<Map<String, Object>> rendered, String service) {
        Set<String> flows = new TreeSet<>();
        for (String caller : Manifests.SERVICES) {
            if (egressFlows(rendered, caller).contains(podPeer(service) + " TCP 8080")) {
                flows.add(podPeer(caller) + " TCP 8080");
            }
        }
        if (service.equals("gateway")) {
            flows.add(ENDPOINT_PEERS.get("ingress-controller") + " TCP 8080");
            if (realmCallsBackChannelLogoutOf(rendered, service)) {
                flows.add(ENDPOINT_PEERS.get("keycloak") + " TCP 8080");
            }
        }
        flows.add(ENDPOINT_PEERS.get("prometheus") + " TCP " + metricsPort(rendered, service));
        return flows;
    }

    /**
     * Where Prometheus scrapes a pod: its container port named {@code management} where it has one (Quarkus' management
     * interface then serves /q/metrics only there), else its {@code http} port.
     */
    static String metricsPort(List<Map<String, Object>> rendered, String service) {
        Map<String, Object> deployment = Manifests.named(rendered, "Deployment", "caimei-" + service);
        String management = str(deployment, "spec.template.spec.containers.0.ports.name=management.containerPort");
        return management != null ? management
                : str(deployment, "spec.template.spec.containers.0.ports.name=http.containerPort");
    }

    /** What a policy's rules admit, one "peer protocol port" per combination. */
    static Set<String> admitted(Map<String, Object> policy, String direction) {
        Set<String> out = new TreeSet<>();
        for (Object rule : list(policy, "spec." + direction)) {
            for (Object peer : list(rule, direction.equals("egress") ? "to" : "from")) {
                for (Object port : list(rule, "ports")) {
                    out.add(peer(peer) + " " + str(port, "protocol") + " " + str(port, "port"));
                }
            }
        }
        return out;
    }

    private static String peer(Object peer) {
        List<String> parts = new ArrayList<>();
        if (map(peer, "namespaceSelector") != null && !map(peer, "namespaceSelector").isEmpty()) {
            parts.add("namespace" + new java.util.TreeMap<>(map(peer, "namespaceSelector.matchLabels")));
        }
        if (!map(peer, "podSelector").isEmpty()) {
            parts.add("pods" + new java.util.TreeMap<>(map(peer, "podSelector.matchLabels")));
        }
        if (!map(peer, "ipBlock").isEmpty()) {
            parts.add("ip" + map(peer, "ipBlock"));
        }
        return String.join(" ", parts);
    }

    private static String podPeer(String service) {
        return "pods{app.kubernetes.io/instance=caimei, app.kubernetes.io/name=" + service + "}";
    }

    /** Differences between what the policies admit and what the services need; empty when they agree exactly. */
    static List<String> violations(List<Map<String, Object>> rendered) {
        List<String> problems = new ArrayList<>();
        for (String service : Manifests.SERVICES) {
            Map<String, Object> policy = Manifests.named(rendered, "NetworkPolicy", "caimei-" + service);
            for (String direction : List.of("egress", "ingress")) {
                Set<String> needed = direction.equals("egress") ? egressFlows(rendered, service) : ingressFlows(rendered, service);
                Set<String> allowed = admitted(policy, direction);
                needed.stream().filter(f -> !allowed.contains(f)).forEach(f -> problems.add(service + " " + direction + " blocks " + f));
                allowed.stream().filter(f -> !needed.contains(f)).forEach(f -> problems.add(service + " " + direction + " opens unused " + f));
            }
        }
        return problems;
    }

    private static Map<String, Map<String, String>> anySecrets(List<Map<String, Object>> rendered) {
        Map<String, Map<String, String>> any = new java.util.HashMap<>();
        for (Map<String, Object> d : ofKind(rendered, "Deployment")) {
            for (Object var : list(d, "spec.template.spec.containers.0.env")) {
                String secret = str(var, "valueFrom.secretKeyRef.name");
                if (secret != null) {
                    any.computeIfAbsent(secret, s -> new java.util.HashMap<>()).put(str(var, "valueFrom.secretKeyRef.key"), "x");
                }
            }
        }
        return any;
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void everyPodAdmitsAndReachesExactlyWhatTheServicesCall(String file) {
        List<Map<String, Object>> rendered = Manifests.render(Manifests.chart().resolve(file));
        assertEquals(4, ofKind(rendered, "NetworkPolicy").size());
        for (Map<String, Object> policy : ofKind(rendered, "NetworkPolicy")) {
            assertEquals(List.of("Ingress", "Egress"), list(policy, "spec.policyTypes"), name(policy));
        }
        assertEquals(List.of(), violations(rendered));
    }

    @Test
    void theDerivedFlowsAreTheOnesThePlatformExpects() {
        List<Map<String, Object>> rendered = Manifests.render(Manifests.productionValues());
        assertEquals(Set.of(podPeer("ranking-service") + " TCP 8080",
                "pods{strimzi.io/broker-role=true, strimzi.io/cluster=caimei} TCP 9092",
                "pods{app.kubernetes.io/name=redis} TCP 6379",
                "namespace{kubernetes.io/metadata.name=ingress-nginx} TCP 443",
                "namespace{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} UDP 53",
                "namespace{kubernetes.io/metadata.name=kube-system} pods{k8s-app=kube-dns} TCP 53"),
                egressFlows(rendered, "ingest-service"), "ingest: catalog on ranking, Kafka, Redis, OIDC, DNS; no PostgreSQL");
        assertEquals(Set.of(podPeer("gateway") + " TCP 8080", podPeer("ingest-service") + " TCP 8080",
                podPeer("scoring-service") + " TCP 8080", "namespace{kubernetes.io/metadata.name=monitoring} TCP 8080"),
                ingressFlows(rendered, "ranking-service"),
                "ranking: the gateway, ingest's catalog links, scoring's tenancy lookups");
        assertEquals(Set.of(podPeer("gateway") + " TCP 8080", podPeer("ranking-service") + " TCP 8080",
                "namespace{kubernetes.io/metadata.name=monitoring} TCP 8080"), ingressFlows(rendered, "scoring-service"));
        assertTrue(egressFlows(rendered, "scoring-service").contains(podPeer("ranking-service") + " TCP 8080"),
                "scoring asks ranking's catalog before an advertiser's breakdown");
        assertEquals(Set.of("namespace{kubernetes.io/metadata.name=ingress-nginx} TCP 8080",
                "pods{app=keycloak} TCP 8080", "namespace{kubernetes.io/metadata.name=monitoring} TCP 9000"),
                ingressFlows(rendered, "gateway"), "the gateway: its public port from the Ingress controller and "
                        + "Keycloak's back-channel logout only, metrics on the management port");
        assertTrue(egressFlows(rendered, "gateway").stream().noneMatch(f -> f.contains("9092") || f.contains("5432")),
                "the gateway talks to neither Kafka nor PostgreSQL");
    }

    @Test
    void aPolicyThatBlocksARealFlowOrOpensAnUnusedOneIsCaught() {
        List<String> moved = violations(Manifests.render(Manifests.productionValues(),
                Map.of("networkPolicy.egress.redis.port", 6380)));
        assertTrue(moved.contains("gateway egress blocks pods{app.kubernetes.io/name=redis} TCP 6379"), moved.toString());
        assertTrue(moved.contains("gateway egress opens unused pods{app.kubernetes.io/name=redis} TCP 6380"), moved.toString());
        List<String> noCatalog = violations(Manifests.render(Manifests.productionValues(),
                Map.of("services.ingest-service.restClients.catalog", "scoring-service")));
        assertEquals(List.of(), noCatalog, "policies follow the REST clients they are derived from");
    }
}
