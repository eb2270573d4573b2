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
            assertProbe(container.getStartupProbe(), "/q/health/started", service);
            assertProbe(container.getLivenessProbe(), "/q/health/live", service);
            assertProbe(container.getReadinessProbe(), "/q/health/ready", service);
        }
    }

    private static void assertProbe(Probe probe, String path, String service) {
        assertNotNull(probe, service + " probe " + path);
        assertEquals(path, probe.getHttpGet().getPath(), service);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), service);
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
                assertEquals("8080", podAnnotations.get("prometheus.io/port"), service);
            }
            if (!monitors.isEmpty()) {
                Map<String, Object> monitor = named(objects, "ServiceMonitor", fullname(service));
                assertEquals(map(named(objects, "Service", fullname(service)), "spec.selector"),
                        map(monitor, "spec.selector.matchLabels"), service);
                assertEquals("http", str(monitor, "spec.endpoints.0.port"));
                assertEquals("/q/metrics", str(monitor, "spec.endpoints.0.path"));
            }
        }
        assertTrue(list(named(objects, "Deployment", fullname("gateway")), "spec.template.spec.containers").size() == 1);
    }
}
