package io.caimei.gateway.config;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What an API user finds in the OpenAPI document at /openapi: every public operation with a real response schema,
 * its error answers and described parameters; the dashboard's routes stay out; Swagger UI signs in with PKCE.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
    private JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        String body = given().queryParam("format", "json").when().get("/openapi").then().statusCode(200).extract()
                .asString();
        doc = new ObjectMapper().readTree(body);
    }

    /** Every (path, method, operation) under /api/v1. */
    private List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getKey().startsWith("/api/v1")) {
                for (String m : METHODS) {
                    if (path.getValue().has(m)) {
                        out.add(Map.entry(m.toUpperCase() + " " + path.getKey(), path.getValue().get(m)));
                    }
                }
            }
        }
        return out;
    }

    /** The schema, following one $ref into components. */
    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return doc.path("components").path("schemas").path(name);
        }
        return schema;
    }

    private boolean isReal(JsonNode schema) {
        JsonNode s = resolve(schema);
        if (s.isMissingNode() || s.isEmpty()) {
            return false;
        }
        if ("binary".equals(s.path("format").asText())) {
            return false;
        }
        if ("array".equals(s.path("type").asText())) {
            return isReal(s.path("items"));
        }
        return !"string".equals(s.path("type").asText()) || s.has("description") || s.has("example");
    }

    @Test
    void everyPublicRouteIsDescribed() {
        List<Map.Entry<String, JsonNode>> ops = operations();
        assertTrue(ops.size() >= 17, "the public routes: " + ops.stream().map(Map.Entry::getKey).toList());
        for (String route : List.of("GET /api/v1/boards/{boardId}/periods/{period}/entities/{entityId}/history",
                "GET /api/v1/boards/{boardId}/periods/{period}/search", "GET /api/v1/me/campaigns")) {
            assertTrue(ops.stream().anyMatch(o -> o.getKey().equals(route)), route + " is in the document");
        }
    }

    @Test
    void everyOperationHasASuccessAnswerWithARealJsonSchema() {
        for (Map.Entry<String, JsonNode> op : operations()) {
            boolean found = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = op.getValue().path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> answer = it.next();
                if (!answer.getKey().startsWith("2")) {
                    continue;
                }
                JsonNode json = answer.getValue().path("content").path("application/json").path("schema");
                found |= !json.isMissingNode() && isReal(json);
            }
            assertTrue(found, op.getKey() + " has a 2xx application/json answer with a schema: " + op.getValue());
        }
    }

    @Test
    void everyOperationDeclaresItsAuthenticationAndRoleRefusals() {
        for (Map.Entry<String, JsonNode> op : operations()) {
            JsonNode responses = op.getValue().path("responses");
            for (String code : List.of("401", "403", "429", "503")) {
                JsonNode answer = responses.path(code);
                assertFalse(answer.isMissingNode(), op.getKey() + " declares " + code);
                assertTrue(answer.path("content").has("application/problem+json"),
                        op.getKey() + " " + code + " is problem+json");
            }
        }
    }

    @Test
    void everyErrorAnswerOfEveryOperationIsAProblem() {
        for (Map.Entry<String, JsonNode> op : operations()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = op.getValue().path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> r = it.next();
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    JsonNode schema = r.getValue().path("content").path("application/problem+json").path("schema");
                    assertEquals("#/components/schemas/Problem", schema.path("$ref").asText(),
                            op.getKey() + " " + r.getKey() + ": " + r.getValue());
                }
            }
        }
    }

    @Test
    void everyParameterIsDescribed() {
        for (Map.Entry<String, JsonNode> op : operations()) {
            for (JsonNode p : op.getValue().path("parameters")) {
                JsonNode param = p.has("$ref") ? doc.at("/components/parameters/"
                        + p.get("$ref").asText().replace("#/components/parameters/", "")) : p;
                assertFalse(param.path("description").asText().isBlank(),
                        op.getKey() + " parameter " + param.path("name").asText() + " has a description");
            }
        }
    }

    @Test
    void ingestionAnswers202WithItsReport() {
        JsonNode post = doc.path("paths").path("/api/v1/events").path("post");
        JsonNode accepted = post.path("responses").path("202");
        assertFalse(accepted.isMissingNode(), "POST /api/v1/events lists 202: " + post);
        assertTrue(isReal(accepted.path("content").path("application/json").path("schema")));
        assertNotNull(post.path("responses").get("413"), "a batch too large is 413");
        assertNotNull(post.path("responses").get("415"), "a wrong media type is 415");
    }

    @Test
    void thePageRouteDescribesItsCsvAndItsRefusalOfOtherTypes() {
        JsonNode get = doc.path("paths").path("/api/v1/boards/{boardId}/periods/{period}").path("get");
        assertTrue(get.path("responses").path("200").path("content").has("text/csv"), get.toString());
        assertFalse(get.path("responses").path("406").isMissingNode(), "406 for other Accept types");
        JsonNode entry = resolve(resolve(get.path("responses").path("200").path("content").path("application/json")
                .path("schema")).path("properties").path("entries").path("items"));
        assertTrue(entry.path("properties").has("movement"), "entries are described: " + entry);
    }

    @Test
    void theDashboardsRoutesStayHidden() {
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext();) {
            String path = it.next();
            assertFalse(path.startsWith("/ui"), path + " is not in the public document");
        }
    }

    @Test
    void swaggerUiSignsInThroughTheRealmsOpenIdConnectDiscovery() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertEquals(1, schemes.size(), schemes.toString());
        JsonNode scheme = schemes.elements().next();
        assertEquals("openIdConnect", scheme.path("type").asText());
        assertTrue(scheme.path("openIdConnectUrl").asText().endsWith("/realms/caimei/.well-known/openid-configuration"),
                scheme.toString());
    }
}
