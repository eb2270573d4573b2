package io.caimei.gateway.config;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.IndexNode;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document describes the bodies as the backends answer them now: explanation nodes as the C → D → E tree,
 * weights as decimals, a simulation naming the weights it used, and a simulate example a client can send as it is.
 */
@QuarkusTest
class OpenApiSchemasTest {

    private static final String SIMULATE = "/api/v1/boards/{boardId}/periods/{period}/simulate";
    /** Decimals as written, so a sibling group's sum is exact. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        doc = JSON.readTree(given().queryParam("format", "json").when().get("/openapi").then().statusCode(200)
                .extract().asString());
    }

    private JsonNode schema(String name) {
        JsonNode s = doc.path("components").path("schemas").path(name);
        assertFalse(s.isMissingNode(), name + " is a component schema");
        return s;
    }

    private JsonNode resolve(JsonNode s) {
        return s.has("$ref") ? schema(s.get("$ref").asText().replace("#/components/schemas/", "")) : s;
    }

    /** An example as JSON, whether the document holds it parsed or as text. */
    private static JsonNode json(JsonNode example) throws Exception {
        return example.isTextual() ? JSON.readTree(example.asText()) : example;
    }

    /** OpenAPI 3.1 says null is allowed with a type list holding "null" (3.0 had nullable: true). */
    private static boolean nullable(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
        }
        return property.path("nullable").asBoolean();
    }

    private static void assertDecimalMap(JsonNode property, String what) {
        JsonNode values = property.path("additionalProperties");
        assertEquals("object", property.path("type").asText(), what + ": " + property);
        assertEquals("number", values.path("type").asText(), what + " values are numbers: " + property);
        assertFalse(values.has("format"), what + " values are decimals, not binary doubles or floats: " + property);
    }

    @Test
    void anExplanationsNodesAreTheTreeWithLevelsParentsLabelsWeightsAndContributions() throws Exception {
        JsonNode nodes = schema("Explanation").path("properties").path("nodes");
        JsonNode node = resolve(nodes.path("additionalProperties"));
        TreeSet<String> fields = new TreeSet<>();
        node.path("properties").fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("code", "contribution", "label", "labelEn", "level", "parent", "weight"),
                new ArrayList<>(fields));
        JsonNode p = node.path("properties");
        assertEquals("[\"C\",\"D\",\"E\"]", p.path("level").path("enum").toString());
        assertTrue(nullable(p.path("parent")), "parent is null for C1 and C2: " + p);
        assertEquals("number", p.path("weight").path("type").asText());
        assertFalse(p.path("weight").has("format"), "a node's weight is a decimal: " + p.path("weight"));
        assertEquals("number", p.path("contribution").path("type").asText());
        // OpenAPI 3.1 lists a schema's examples; 3.0 had one example
        JsonNode example = json(nodes.has("examples") ? nodes.path("examples").path(0) : nodes.path("example"));
        assertFalse(example.isEmpty(), "nodes has an example: " + nodes);
        for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            IndexNode real = IndexNode.valueOf(e.getKey());
            JsonNode n = e.getValue();
            assertEquals(real.code(), n.path("code").asText());
            assertEquals(real.level(), n.path("level").asText());
            assertEquals(real.parent() == null ? "null" : real.parent(), n.path("parent").asText());
            assertEquals(real.label(), n.path("label").asText());
            assertEquals(real.labelEn(), n.path("labelEn").asText());
        }
    }

    @Test
    void everyWeightMapIsDecimals() {
        assertDecimalMap(schema("SimulationRequest").path("properties").path("weights"), "SimulationRequest.weights");
        assertDecimalMap(schema("Simulation").path("properties").path("weights"), "Simulation.weights");
        assertDecimalMap(schema("ProfileVersion").path("properties").path("weights"), "ProfileVersion.weights");
        assertDecimalMap(schema("ProfileDraft").path("properties").path("weights"), "ProfileDraft.weights");
    }

    @Test
    void aSimulationNamesItsProfileWeightsAndGivenCodesAndEachPlacingItsMovement() {
        JsonNode sim = schema("Simulation").path("properties");
        for (String field : List.of("boardId", "period", "profile", "profileVersion", "weights", "given", "total",
                "entries")) {
            assertTrue(sim.has(field), "Simulation." + field + ": " + sim);
        }
        assertEquals("string", sim.path("given").path("items").path("type").asText());
        JsonNode placing = resolve(sim.path("entries").path("items")).path("properties");
        for (String field : List.of("rank", "entityId", "name", "score", "currentRank", "currentScore",
                "rankChange", "movement")) {
            assertTrue(placing.has(field), "Placing." + field + ": " + placing);
        }
        assertTrue(nullable(placing.path("rankChange")), "null when not ranked live: " + placing);
    }

    @Test
    void theSimulateExampleIsAPartialSetWhoseSiblingGroupsStillSumToOne() throws Exception {
        JsonNode body = doc.path("paths").path(SIMULATE).path("post").path("requestBody").path("content")
                .path("application/json").path("examples");
        assertFalse(body.isEmpty(), "the simulate request has an example: " + body);
        JsonNode weights = json(body.elements().next().path("value")).path("weights");
        assertTrue(weights.size() > 0 && weights.size() < IndexNode.values().length, "a partial set: " + weights);
        Map<String, BigDecimal> given = new LinkedHashMap<>();
        weights.fields().forEachRemaining(w -> given.put(w.getKey(), w.getValue().decimalValue()));
        assertWholeGroupsSumToOne(given, "the request example");

        JsonNode answer = json(doc.path("paths").path(SIMULATE).path("post").path("responses").path("200")
                .path("content").path("application/json").path("examples").elements().next().path("value"));
        Map<String, BigDecimal> used = new LinkedHashMap<>();
        answer.path("weights").fields().forEachRemaining(w -> used.put(w.getKey(), w.getValue().decimalValue()));
        assertEquals(IndexNode.values().length, used.size(), "the answer names all 19 weights: " + used);
        assertWholeGroupsSumToOne(used, "the answer example");
        List<String> givenCodes = new ArrayList<>();
        answer.path("given").forEach(c -> givenCodes.add(c.asText()));
        assertEquals(new ArrayList<>(given.keySet()), givenCodes, "the answer's given codes are the request's");
        given.forEach((code, w) -> assertEquals(0, w.compareTo(used.get(code)), code + " is used as given"));
    }

    /** Every sibling group with a weight in {@code weights} has all its members there, summing to exactly 1. */
    private static void assertWholeGroupsSumToOne(Map<String, BigDecimal> weights, String what) {
        Map<String, List<IndexNode>> groups = new LinkedHashMap<>();
        for (IndexNode n : IndexNode.values()) {
            groups.computeIfAbsent(String.valueOf(n.parent()), k -> new ArrayList<>()).add(n);
        }
        for (String code : weights.keySet()) {
            List<IndexNode> siblings = groups.get(String.valueOf(IndexNode.valueOf(code).parent()));
            BigDecimal sum = BigDecimal.ZERO;
            for (IndexNode s : siblings) {
                assertTrue(weights.containsKey(s.code()), what + " gives " + code + " so it must give its sibling "
                        + s.code() + ": " + weights);
                sum = sum.add(weights.get(s.code()));
            }
            assertEquals(0, sum.compareTo(BigDecimal.ONE), what + ": the group of " + code + " sums to " + sum);
        }
    }
}
