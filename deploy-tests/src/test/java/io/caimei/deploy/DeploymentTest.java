package io.caimei.deploy;

import static io.caimei.deploy.Manifests.at;
import static io.caimei.deploy.Manifests.fullname;
import static io.caimei.deploy.Manifests.list;
import static io.caimei.deploy.Manifests.map;
import static io.caimei.deploy.Manifests.named;
import static io.caimei.deploy.Manifests.ofKind;
import static io.caimei.deploy.Manifests.serviceValues;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Deployment of the chart: hardened pods, health probes, resources, images, metrics. */
class DeploymentTest {

    private static Path valuesFile(String file) {
        return Manifests.chart().resolve(file);
    }

    private static Deployment deployment(List<Map<String, Object>> objects, String service) {
        return Manifests.typed(named(objects, "Deployment", fullname(service)), Deployment.class);
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), "one container per pod");
        return containers.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void everyDeploymentRunsNonRootWithReadOnlyRootFilesystem(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        assertEquals(4, ofKind(objects, "Deployment").size());
        for (String service : Manifests.SERVICES) {
            Deployment deployment = deployment(objects, service);
            PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), service);
            assertEquals(185L, pod.getRunAsUser(), service + " runs as Jib/UBI user 185");
            assertEquals("RuntimeDefault", pod.getSeccompProfile().getType(), service);
            SecurityContext container = container(deployment).getSecurityContext();
            assertEquals(Boolean.TRUE, container.getReadOnlyRootFilesystem(), service);
            assertEquals(Boolean.FALSE, container.getAllowPrivilegeEscalation(), service);
            assertEquals(Boolean.TRUE, container.getRunAsNonRoot(), service);
            assertEquals(List.of("ALL"), container.getCapabilities().getDrop(), service);
            assertTrue(container.getCapabilities().getAdd() == null || container.getCapabilities().getAdd().isEmpty(), service);
            // The read-only root needs a writable /tmp.
            assertTrue(container(deployment).getVolumeMounts().stream()
                    .anyMatch(m -> m.getMountPath().equals("/tmp") && m.getName().equals("tmp")), service + " mounts /tmp");
            Volume tmp = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("tmp")).findFirst().orElseThrow();
            assertNotNull(tmp.getEmptyDir(), service + " /tmp is an emptyDir");
            assertEquals(Boolean.FALSE, deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken(), service);
            assertEquals(fullname(service), deployment.getSpec().getTemplate().getSpec().getServiceAccountName(), service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void everyDeploymentProbesTheQuarkusHealthEndpoints(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        for (String service : Manifests.SERVICES) {
            Container container = container(deployment(objects, service));
            assertEquals(8080, container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                    .orElseThrow().getContainerPort(), service + " listens on http 8080");
            // the gateway serves /q/* only on its management interface; backends keep it on their main port
            String probed = service.equals("gateway") ? "management" : "http";
            assertProbe(container.getStartupProbe(), "/q/health/started", service, probed);
            assertProbe(container.getLivenessProbe(), "/q/health/live", service, probed);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", service, probed);
        }
        Container gateway = container(deployment(objects, "gateway"));
        assertEquals(Map.of("http", 8080, "management", 9000), ports(gateway), "the gateway's container ports");
        for (String backend : Manifests.BACKENDS) {
            assertEquals(Map.of("http", 8080), ports(container(deployment(objects, backend))), backend);
        }
    }

    private static Map<String, Integer> ports(Container container) {
        Map<String, Integer> ports = new java.util.TreeMap<>();
        container.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        return ports;
    }

    private static void assertProbe(Probe probe, String path, String service, String port) {
        assertNotNull(probe, service + " probe " + path);
        assertEquals(path, probe.getHttpGet().getPath(), service);
        assertEquals(port, probe.getHttpGet().getPort().getStrVal(), service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void backendsListenOnThePodAddressAndTheGatewaysManagementInterfaceToo(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        for (String service : Manifests.SERVICES) {
            List<io.fabric8.kubernetes.api.model.EnvVar> env = container(deployment(objects, service)).getEnv();
            assertEquals("POD_IP", env.get(0).getName(), service + ": defined before anything expands $(POD_IP)");
            assertEquals("status.podIP", env.get(0).getValueFrom().getFieldRef().getFieldPath(), service);
            Map<String, String> plain = new java.util.HashMap<>();
            env.stream().filter(e -> e.getValue() != null).forEach(e -> plain.put(e.getName(), e.getValue()));
            if (service.equals("gateway")) {
                assertEquals("$(POD_IP)", plain.get("CAIMEI_MANAGEMENT_HOST"), "the gateway's health and metrics");
                assertEquals("9000",
                        str(named(objects, "ConfigMap", fullname(service)), "data.CAIMEI_MANAGEMENT_PORT"));
            } else {
                assertEquals("$(POD_IP)", plain.get("QUARKUS_HTTP_HOST"), service + " binds its pod address only");
                assertNull(plain.get("CAIMEI_MANAGEMENT_HOST"), service + " has no management interface");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void theIngressRoutesTheGatewaysPublicPortOnlyNeverItsManagementPort(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        Map<String, Object> svc = named(objects, "Service", fullname("gateway"));
        assertEquals("9000", str(svc, "spec.ports.name=management.port"));
        assertEquals("management", str(svc, "spec.ports.name=management.targetPort"));
        Map<String, Object> ingress = named(objects, "Ingress", fullname("gateway"));
        List<Object> paths = list(ingress, "spec.rules.0.http.paths");
        assertEquals(1, paths.size(), "one route");
        assertEquals(fullname("gateway"), str(paths.get(0), "backend.service.name"));
        assertEquals("http", str(paths.get(0), "backend.service.port.name"),
                "the public port, so /q/* is not reachable");
        for (String backend : Manifests.BACKENDS) {
            assertEquals(1, list(named(objects, "Service", fullname(backend)), "spec.ports").size(),
                    backend + ": http only");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void everyDeploymentHasTheResourceRequestsAndLimitsOfItsValues(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        Map<String, Object> values = Manifests.values(valuesFile(file));
        for (String service : Manifests.SERVICES) {
            Map<String, Object> expected = map(serviceValues(values, service), "resources");
            var resources = container(deployment(objects, service)).getResources();
            for (String type : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    String want = str(expected, type + "." + resource);
                    assertNotNull(want, service + " values lack " + type + "." + resource);
                    Map<String, Quantity> actual = type.equals("requests") ? resources.getRequests() : resources.getLimits();
                    assertEquals(new Quantity(want), actual.get(resource), service + " " + type + "." + resource);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void everyDeploymentRunsTheServiceImageFromTheConfiguredRegistry(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        Map<String, Object> values = Manifests.values(valuesFile(file));
        String tag = str(values, "image.tag");
        if (tag == null || tag.isEmpty()) {
            tag = str(Manifests.readYaml(Manifests.chart().resolve("Chart.yaml")), "appVersion");
        }
        for (String service : Manifests.SERVICES) {
            assertEquals(str(values, "image.registry") + "/caimei/" + service + ":" + tag,
                    container(deployment(objects, service)).getImage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void deploymentsLeaveTheReplicaCountToTheAutoscaler(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        for (String service : Manifests.SERVICES) {
            assertNull(at(named(objects, "Deployment", fullname(service)), "spec.replicas"), service);
        }
        List<Map<String, Object>> fixed = Manifests.render(valuesFile(file),
                Map.of("services.gateway.autoscaling.enabled", false, "services.gateway.replicaCount", 3));
        assertEquals(3, Manifests.integer(named(fixed, "Deployment", fullname("gateway")), "spec.replicas"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void everyServiceHasAServiceAccountAServiceAndADisruptionBudget(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        for (String service : Manifests.SERVICES) {
            Map<String, Object> selector = map(named(objects, "Deployment", fullname(service)), "spec.selector.matchLabels");
            assertEquals(Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/instance", Manifests.RELEASE), selector);
            Map<String, Object> svc = named(objects, "Service", fullname(service));
            assertEquals(selector, map(svc, "spec.selector"), service + " Service selects its pods");
            assertEquals("8080", str(svc, "spec.ports.name=http.port"), service);
            assertEquals("ClusterIP", str(svc, "spec.type"), service);
            Map<String, Object> pdb = named(objects, "PodDisruptionBudget", fullname(service));
            assertEquals(selector, map(pdb, "spec.selector.matchLabels"), service + " PDB selects its pods");
            assertEquals("1", str(pdb, "spec.maxUnavailable"), service);
            assertEquals("false", str(named(objects, "ServiceAccount", fullname(service)), "automountServiceAccountToken"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void prometheusScrapesEveryServiceAtQuarkusMetrics(String file) {
        List<Map<String, Object>> objects = Manifests.render(valuesFile(file));
        boolean annotations = Boolean.parseBoolean(str(Manifests.values(valuesFile(file)), "metrics.podAnnotations"));
        List<Map<String, Object>> monitors = ofKind(objects, "ServiceMonitor");
        assertTrue(annotations || monitors.size() == 4, "pod annotations or a ServiceMonitor per service");
        for (String service : Manifests.SERVICES) {
            Map<String, Object> podAnnotations = map(named(objects, "Deployment", fullname(service)),
                    "spec.template.metadata.annotations");
            if (annotations) {
                assertEquals("true", podAnnotations.get("prometheus.io/scrape"), service);
                assertEquals("/q/metrics", podAnnotations.get("prometheus.io/path"), service);
                assertEquals(service.equals("gateway") ? "9000" : "8080", podAnnotations.get("prometheus.io/port"),
                        service);
            }
            if (!monitors.isEmpty()) {
                Map<String, Object> monitor = named(objects, "ServiceMonitor", fullname(service));
                assertEquals(map(named(objects, "Service", fullname(service)), "spec.selector"),
                        map(monitor, "spec.selector.matchLabels"), service);
                assertEquals(service.equals("gateway") ? "management" : "http",
                        str(monitor, "spec.endpoints.0.port"), service);
                assertEquals("/q/metrics", str(monitor, "spec.endpoints.0.path"));
            }
        }
        assertTrue(list(named(objects, "Deployment", fullname("gateway")), "spec.template.spec.containers").size() == 1);
    }
}
