package io.caimei.deploy;

import static io.caimei.deploy.Manifests.kind;
import static io.caimei.deploy.Manifests.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the custom resources of k8s/ and of the rendered chart against the operators' published
 * CustomResourceDefinitions: each object is validated, whole (apiVersion, kind, spec, status; metadata is
 * Kubernetes' own), against the {@code openAPIV3Schema} of its CRD version, with the API server's rules for
 * structural schemas: a field the schema does not declare is an error (the API server prunes it, and kubectl's
 * default strict field validation rejects it) unless the node has {@code x-kubernetes-preserve-unknown-fields};
 * {@code x-kubernetes-int-or-string} admits an integer or a string; null values are dropped first, as the API
 * server prunes them. The CEL rules of {@code x-kubernetes-validations} are not evaluated, and neither are
 * {@code format}s.
 *
 * <p>Checked, with the CRDs of {@code io.strimzi:api:0.49.0:tests} ({@code crds/v1/04x-Crd-*.yaml}, written by
 * Strimzi's CRD generator from the api classes with the same options as the released
 * {@code packaging/install/cluster-operator} CRDs): Kafka, KafkaNodePool, KafkaTopic, KafkaUser
 * ({@code kafka.strimzi.io/v1}), and any other Strimzi kind that appears later.
 *
 * <p>Not checked, as no artifact on Maven Central (the only registry a build reaches) carries their CRDs (see
 * {@link #UNCHECKED}); {@link KubernetesObjectValidityTest} checks them structurally instead:
 * <ul>
 *   <li>CloudNativePG Cluster, ScheduledBackup ({@code postgresql.cnpg.io/v1}): the CRDs ship only with
 *       CloudNativePG's GitHub releases and Helm chart; no Java model or CRD jar is published.</li>
 *   <li>Keycloak, KeycloakRealmImport ({@code k8s.keycloak.org/v2alpha1}): {@code org.keycloak:keycloak-operator},
 *       whose build generates the CRDs, is not published to Maven Central; the CRDs are only in
 *       keycloak/keycloak-k8s-resources on GitHub.</li>
 *   <li>KEDA ScaledObject, TriggerAuthentication ({@code keda.sh/v1alpha1}), rendered by the chart: the CRDs
 *       ship only with KEDA's GitHub releases and Helm chart (npm's {@code @kubernetes-models/keda} holds compiled
 *       validators of an older KEDA, not the CRDs).</li>
 *   <li>ServiceMonitor ({@code monitoring.coreos.com/v1}), rendered by the chart: out of scope here; the
 *       Prometheus Operator's CRD is not on the class path (openshift-model-monitoring is the Java model, which
 *       KubernetesObjectValidityTest uses).</li>
 * </ul>
 */
class CrdSchemaTest {

    /** Strimzi's CRDs in the api tests jar, one CRD per file, each with the v1 version only. */
    private static final List<String> STRIMZI_CRDS = List.of(
            "crds/v1/040-Crd-kafka.yaml", "crds/v1/041-Crd-kafkaconnect.yaml", "crds/v1/042-Crd-strimzipodset.yaml",
            "crds/v1/043-Crd-kafkatopic.yaml", "crds/v1/044-Crd-kafkauser.yaml", "crds/v1/045-Crd-kafkanodepool.yaml",
            "crds/v1/046-Crd-kafkabridge.yaml", "crds/v1/047-Crd-kafkaconnector.yaml",
            "crds/v1/048-Crd-kafkamirrormaker2.yaml", "crds/v1/049-Crd-kafkarebalance.yaml");

    /** Custom resource kinds (apiVersion/kind) whose CRD is not available here, with the reason. */
    static final Map<String, String> UNCHECKED = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "CloudNativePG's CRDs are on no Maven Central artifact",
            "postgresql.cnpg.io/v1/ScheduledBackup", "CloudNativePG's CRDs are on no Maven Central artifact",
            "k8s.keycloak.org/v2alpha1/Keycloak", "org.keycloak:keycloak-operator is not on Maven Central",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "org.keycloak:keycloak-operator is not on Maven Central",
            "keda.sh/v1alpha1/ScaledObject", "KEDA's CRDs are on no Maven Central artifact",
            "keda.sh/v1alpha1/TriggerAuthentication", "KEDA's CRDs are on no Maven Central artifact",
            "monitoring.coreos.com/v1/ServiceMonitor", "the Prometheus Operator's CRD is not on the class path");

    /** The kinds of k8s/ that must be checked against a CRD, so that this test cannot pass by checking nothing. */
    private static final Set<String> MUST_CHECK = Set.of(
            "kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io/v1/KafkaNodePool", "kafka.strimzi.io/v1/KafkaTopic",
            "kafka.strimzi.io/v1/KafkaUser");

    /** The JSON Schema keywords of Kubernetes' structural schemas; the rest (x-kubernetes-*, format, ...) goes. */
    private static final Set<String> KEYWORDS = Set.of(
            "type", "properties", "additionalProperties", "items", "required", "enum", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "pattern", "minLength", "maxLength", "minItems", "maxItems",
            "uniqueItems", "minProperties", "maxProperties", "multipleOf", "oneOf", "anyOf", "allOf", "not");

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- tests ---------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyCustomResourceInK8sWithAKnownCrdConformsToThePublishedSchema() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Manifests.k8sManifests()) {
            for (Map<String, Object> object : Manifests.readYamlDocuments(file)) {
                if (Crds.schemaFor(object) != null) {
                    String where = "k8s/" + file.getFileName();
                    tests.add(DynamicTest.dynamicTest(kind(object) + " " + name(object) + " in " + where
                            + " conforms to the " + gvk(object) + " CRD", () -> assertConforms(object, where)));
                }
            }
        }
        assertFalse(tests.isEmpty(), "no custom resource of k8s/ has a CRD here");
        return tests.stream();
    }

    @Test
    void theStrimziKindsOfK8sAreCheckedAgainstStrimzisPublishedCrds() {
        Set<String> kinds = Manifests.allK8sObjects().stream().map(CrdSchemaTest::gvk).collect(Collectors.toSet());
        for (String gvk : MUST_CHECK) {
            assertTrue(kinds.contains(gvk), "k8s/ has no " + gvk);
            assertNotNull(Crds.SCHEMAS.get(gvk), "no published CRD schema for " + gvk);
        }
    }

    @Test
    void everyCustomResourceKindInK8sIsCheckedAgainstItsCrdOrListedAsUnchecked() {
        assertAllAccountedFor(Manifests.allK8sObjects(), "k8s/");
    }

    @Test
    void theCustomResourcesTheChartRendersConformToTheirCrdsOrAreListedAsUnchecked() {
        for (Path values : new Path[] {null, Manifests.productionValues()}) {
            String where = "the chart rendered with " + (values == null ? "values.yaml" : values.getFileName());
            List<Map<String, Object>> rendered = Manifests.render(values);
            assertAllAccountedFor(rendered, where);
            rendered.stream().filter(o -> Crds.schemaFor(o) != null).forEach(o -> assertConforms(o, where));
        }
    }

    @Test
    void anUnknownFieldInAKafkaListenerFailsValidation() {
        Map<String, Object> kafka = copyOf("Kafka", "caimei");
        listeners(kafka).get(0).put("authentications", Map.of("type", "scram-sha-512"));
        assertViolation(kafka, "/spec/kafka/listeners/0", "'authentications' is not defined");
    }

    @Test
    void aKafkaTopicWhosePartitionsAreTextFailsValidation() {
        Map<String, Object> topic = copyOf("KafkaTopic", "caimei.events.v1");
        spec(topic).put("partitions", "twelve");
        assertViolation(topic, "/spec/partitions", "integer expected");
    }

    @Test
    void aKafkaListenerOfAnUnknownTypeFailsValidation() {
        Map<String, Object> kafka = copyOf("Kafka", "caimei");
        listeners(kafka).get(0).put("type", "clusterip");
        assertViolation(kafka, "/spec/kafka/listeners/0/type", "enumeration");
    }

    @Test
    void aKafkaNodePoolWithoutRolesFailsValidation() {
        Map<String, Object> pool = copyOf("KafkaNodePool", "broker");
        spec(pool).remove("roles");
        assertViolation(pool, "/spec", "'roles' not found");
    }

    @Test
    void freeFormKafkaTopicConfigIsAcceptedBecauseTheCrdPreservesUnknownFields() {
        Map<String, Object> topic = copyOf("KafkaTopic", "caimei.events.v1");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) spec(topic).get("config");
        config.put("segment.bytes", 1073741824);
        config.put("compression.type", "zstd");
        assertEquals(List.of(), violations(topic));
    }

    // ---- validation ----------------------------------------------------------------------------------

    /** The schema violations of an object with a known CRD, one line each: instance location (JSON pointer): message. */
    static List<String> violations(Map<String, Object> object) {
        JsonSchema schema = Crds.schemaFor(object);
        assertNotNull(schema, "no CRD schema for " + gvk(object));
        JsonNode instance = JSON.valueToTree(withoutNulls(object));
        return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted()
                .collect(Collectors.toList());
    }

    private static void assertConforms(Map<String, Object> object, String where) {
        List<String> violations = violations(object);
        assertTrue(violations.isEmpty(), kind(object) + " " + name(object) + " in " + where + " violates the "
                + gvk(object) + " CRD schema:\n  " + String.join("\n  ", violations));
    }

    /** Asserts a violation at the instance location (a JSON pointer) whose message contains the text. */
    private static void assertViolation(Map<String, Object> object, String location, String text) {
        List<String> violations = violations(object);
        assertTrue(violations.stream().anyMatch(v -> v.startsWith(location + ": ") && v.contains(text)),
                "expected a violation at " + location + " saying " + text + ", got " + violations);
    }

    private static void assertAllAccountedFor(List<Map<String, Object>> objects, String where) {
        Set<String> unaccounted = new TreeSet<>();
        for (Map<String, Object> object : objects) {
            String gvk = gvk(object);
            if (isCustomResource(object) && Crds.schemaFor(object) == null && !UNCHECKED.containsKey(gvk)) {
                unaccounted.add(gvk);
            }
        }
        assertTrue(unaccounted.isEmpty(), where + " has custom resources neither checked against a CRD nor listed"
                + " (with the reason) in CrdSchemaTest.UNCHECKED: " + unaccounted);
    }

    /** Built-in API groups have no dot in their name or end in .k8s.io (apps, policy, networking.k8s.io, ...). */
    private static boolean isCustomResource(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return group.contains(".") && !group.endsWith(".k8s.io");
    }

    static String gvk(Map<String, Object> object) {
        return object.get("apiVersion") + "/" + kind(object);
    }

    /** The API server prunes nulls of non-nullable fields before validating; nullable ones are valid anyway. */
    @SuppressWarnings("unchecked")
    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    copy.put(String.valueOf(k), withoutNulls(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CrdSchemaTest::withoutNulls).collect(Collectors.toList());
        }
        return value;
    }

    // ---- fixtures for the negative tests -------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyOf(String kind, String name) {
        Map<String, Object> object = Manifests.named(Manifests.allK8sObjects(), kind, name);
        Map<String, Object> copy = JSON.convertValue(JSON.valueToTree(object), LinkedHashMap.class);
        assertEquals(List.of(), violations(copy), "the unchanged " + kind + " " + name + " must conform first");
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> object) {
        return (Map<String, Object>) object.get("spec");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listeners(Map<String, Object> kafka) {
        return (List<Map<String, Object>>) ((Map<String, Object>) spec(kafka).get("kafka")).get("listeners");
    }

    // ---- CRDs ----------------------------------------------------------------------------------------

    /** The served versions' schemas of the CRDs on the class path, by apiVersion/kind, as JSON Schema (draft 4). */
    static final class Crds {

        static final Map<String, JsonSchema> SCHEMAS = load();

        private Crds() {
        }

        static JsonSchema schemaFor(Map<String, Object> object) {
            return SCHEMAS.get(gvk(object));
        }

        private static Map<String, JsonSchema> load() {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
            Map<String, JsonSchema> schemas = new LinkedHashMap<>();
            for (String resource : STRIMZI_CRDS) {
                JsonNode crd = read(resource);
                assertEquals("CustomResourceDefinition", crd.path("kind").asText(), resource);
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    JsonNode openApi = version.path("schema").path("openAPIV3Schema");
                    if (version.path("served").asBoolean() && openApi.isObject()) {
                        schemas.put(group + "/" + version.path("name").asText() + "/" + kind,
                                factory.getSchema(toJsonSchema(openApi), config));
                    }
                }
            }
            return schemas;
        }

        private static JsonNode read(String resource) {
            try (InputStream in = CrdSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
                assertNotNull(in, resource + " is not on the class path (io.strimzi:api:tests)");
                return Manifests.YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The whole object's schema: metadata is validated by the API server as ObjectMeta, not by the CRD. */
        static ObjectNode toJsonSchema(JsonNode openApiV3Schema) {
            ObjectNode root = convert(openApiV3Schema, true);
            child(root, "properties").set("metadata", JSON.createObjectNode().put("type", "object"));
            return root;
        }

        /**
         * One node of a structural schema as JSON Schema. An object node that declares no additionalProperties and
         * does not preserve unknown fields gets additionalProperties: false, as the API server drops (and strict
         * field validation rejects) undeclared fields; not inside oneOf/anyOf/allOf/not, whose branches only add
         * constraints to the fields their enclosing node declares.
         */
        private static ObjectNode convert(JsonNode node, boolean structural) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                switch (key) {
                    case "properties" -> {
                        ObjectNode properties = out.putObject("properties");
                        value.fields().forEachRemaining(p -> properties.set(p.getKey(), convert(p.getValue(), structural)));
                    }
                    case "items", "additionalProperties" -> out.set(key, value.isObject() ? convert(value, structural) : value);
                    case "not" -> out.set(key, convert(value, false));
                    case "oneOf", "anyOf", "allOf" -> {
                        ArrayNode branches = out.putArray(key);
                        value.forEach(branch -> branches.add(convert(branch, false)));
                    }
                    default -> {
                        if (KEYWORDS.contains(key)) {
                            out.set(key, value);
                        }
                    }
                }
            });
            if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
                out.remove("type");
                if (!out.has("anyOf")) {
                    ArrayNode anyOf = out.putArray("anyOf");
                    anyOf.addObject().put("type", "integer");
                    anyOf.addObject().put("type", "string");
                }
            }
            boolean preserveUnknown = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (node.path("x-kubernetes-embedded-resource").asBoolean(false)) {
                ObjectNode properties = child(out, "properties");
                properties.putObject("apiVersion").put("type", "string");
                properties.putObject("kind").put("type", "string");
                properties.putObject("metadata").put("type", "object");
            }
            if (structural && !preserveUnknown && "object".equals(node.path("type").asText())
                    && !node.has("additionalProperties")) {
                out.put("additionalProperties", false);
            }
            return out;
        }

        private static ObjectNode child(ObjectNode node, String name) {
            return node.get(name) instanceof ObjectNode existing ? existing : node.putObject(name);
        }
    }
}
