package io.caimei.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Renders the chart with the real Helm engine and reads YAML manifests; shared by the tests. */
final class Manifests {

    static final String RELEASE = "caimei";
    static final String NAMESPACE = "caimei";
    static final String KUBE_VERSION = "v1.31.0";
    static final List<String> SERVICES = List.of("gateway", "ingest-service", "scoring-service", "ranking-service");
    static final List<String> BACKENDS = List.of("ingest-service", "scoring-service", "ranking-service");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private static final Map<String, Class<? extends KubernetesResource>> EXTRA_MODELS = Map.of(
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    private Manifests() {
    }

    static Path repoRoot() {
        return Paths.get(System.getProperty("caimei.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path chart() {
        return repoRoot().resolve("helm/caimei");
    }

    static Path defaultValues() {
        return chart().resolve("values.yaml");
    }

    static Path productionValues() {
        return chart().resolve("values-production.yaml");
    }

    static Path k8sDir() {
        return repoRoot().resolve("k8s");
    }

    /** helm template with the chart's values.yaml, plus an optional values file and --set pairs. */
    static List<Map<String, Object>> render(Path valuesFile, Map<String, Object> sets) {
        return parseYamlDocuments(renderRaw(valuesFile, sets));
    }

    static List<Map<String, Object>> render(Path valuesFile) {
        return render(valuesFile, Map.of());
    }

    static String renderRaw(Path valuesFile, Map<String, Object> sets) {
        // helm template defaults to Kubernetes v1.20 without a cluster; render for a current one.
        TemplateCommand template = new Helm(chart()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    /** The merged values Helm would use: values.yaml overlaid with the given file (maps merge, the rest replaces). */
    static Map<String, Object> values(Path valuesFile) {
        Map<String, Object> merged = readYaml(defaultValues());
        if (valuesFile != null && !valuesFile.equals(defaultValues())) {
            merge(merged, readYaml(valuesFile));
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> base, Map<String, Object> overlay) {
        overlay.forEach((key, value) -> {
            if (value instanceof Map && base.get(key) instanceof Map) {
                merge((Map<String, Object>) base.get(key), (Map<String, Object>) value);
            } else {
                base.put(key, value);
            }
        });
    }

    static Map<String, Object> readYaml(Path file) {
        try {
            return YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> readYamlDocuments(Path file) {
        try {
            return parseYamlDocuments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> parseYamlDocuments(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> it = YAML.readerFor(new TypeReference<LinkedHashMap<String, Object>>() { })
                .readValues(yaml)) {
            while (it.hasNextValue()) {
                Map<String, Object> doc = it.nextValue();
                if (doc != null && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static List<Path> k8sManifests() {
        try (Stream<Path> files = Files.list(k8sDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> allK8sObjects() {
        return k8sManifests().stream().flatMap(f -> readYamlDocuments(f).stream()).collect(Collectors.toList());
    }

    // ---- typed access -------------------------------------------------------------------------------

    static String kind(Map<String, Object> object) {
        return (String) object.get("kind");
    }

    static String name(Map<String, Object> object) {
        return str(object, "metadata.name");
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o))).collect(Collectors.toList());
    }

    static Map<String, Object> named(List<Map<String, Object>> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /** Converts a rendered object to its model class: fabric8 for Kubernetes kinds, Strimzi for Strimzi kinds. */
    @SuppressWarnings("unchecked")
    static <T> T typed(Map<String, Object> object, Class<T> type) {
        T result = KUBE.convertValue(object, type);
        assertNoUnknownFields(result, kind(object) + " " + name(object));
        return result;
    }

    /**
     * The model class registered for the object's apiVersion and kind, or null if no model on the class path
     * knows it (custom resources of operators without a Java model).
     */
    static Class<? extends KubernetesResource> modelClass(Map<String, Object> object) {
        String apiVersion = (String) object.get("apiVersion");
        Class<? extends KubernetesResource> extra = EXTRA_MODELS.get(apiVersion + "/" + kind(object));
        if (extra != null) {
            return extra;
        }
        Class<? extends KubernetesResource> registered = KUBE.getRegisteredKubernetesResource(apiVersion, kind(object));
        return registered == null || registered == GenericKubernetesResource.class ? null : registered;
    }

    /** Parses the object strictly as its kind: known model class, wrong types or unknown fields fail. */
    static HasMetadata parseAsItsKind(Map<String, Object> object) {
        Class<? extends KubernetesResource> type = modelClass(object);
        assertNotNull(type, "no Kubernetes model for " + object.get("apiVersion") + " " + kind(object));
        Object parsed = typed(object, type);
        assertTrue(parsed instanceof HasMetadata, kind(object) + " is not a Kubernetes object");
        HasMetadata resource = (HasMetadata) parsed;
        assertEquals(kind(object), resource.getKind());
        if (resource.getClass().getPackageName().startsWith("io.strimzi.")) {
            // The Strimzi model serves several API versions (v1, v1beta2) and reports its own default.
            assertTrue(String.valueOf(object.get("apiVersion")).matches("kafka\\.strimzi\\.io/v1(beta2)?"),
                    "Strimzi apiVersion " + object.get("apiVersion"));
        } else {
            assertEquals(object.get("apiVersion"), resource.getApiVersion(), kind(object) + " " + name(object));
        }
        assertNotNull(resource.getMetadata().getName(), "metadata.name of " + kind(object));
        return resource;
    }

    /**
     * Walks a model object and fails on any additionalProperties: fabric8 and Strimzi models keep fields they do
     * not know (typos, wrong nesting, wrong types) there instead of failing.
     */
    static void assertNoUnknownFields(Object model, String where) {
        walk(model, where, java.util.Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    private static void walk(Object value, String path, Set<Object> seen, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                walk(element, path + "[" + i++ + "]", seen, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, seen, depth + 1));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!(pkg.startsWith("io.fabric8.") || pkg.startsWith("io.strimzi.api")) || value.getClass().isEnum() || !seen.add(value)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")
                    || getter.getReturnType().isPrimitive() || getter.getReturnType() == String.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    fail("unknown or mistyped fields at " + path + ": " + extra.keySet());
                }
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(child, path + "." + property, seen, depth + 1);
        }
    }

    // ---- path access into maps ----------------------------------------------------------------------

    /** Value at a dotted path; a segment "name=x" picks the list element whose name is x; digits index lists. */
    static Object at(Object root, String path) {
        Object current = root;
        for (String segment : path.split("\\.")) {
            if (current == null) {
                return null;
            }
            if (current instanceof List<?> list) {
                if (segment.contains("=")) {
                    String[] kv = segment.split("=", 2);
                    current = list.stream().filter(e -> e instanceof Map<?, ?> m && kv[1].equals(String.valueOf(m.get(kv[0]))))
                            .findFirst().orElse(null);
                } else {
                    int index = Integer.parseInt(segment);
                    current = index < list.size() ? list.get(index) : null;
                }
            } else if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
            } else {
                return null;
            }
        }
        return current;
    }

    static String str(Object root, String path) {
        Object value = at(root, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String path) {
        Object value = at(root, path);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String path) {
        Object value = at(root, path);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    static int integer(Object root, String path) {
        Object value = at(root, path);
        assertNotNull(value, "missing " + path);
        return Integer.parseInt(String.valueOf(value));
    }

    static String fullname(String service) {
        return RELEASE + "-" + service;
    }

    static Map<String, Object> serviceValues(Map<String, Object> values, String service) {
        Map<String, Object> block = map(values, "services");
        assertFalse(block.isEmpty(), "values have no services block");
        @SuppressWarnings("unchecked")
        Map<String, Object> svc = (Map<String, Object>) block.get(service);
        assertNotNull(svc, "values have no services." + service);
        return svc;
    }
}
