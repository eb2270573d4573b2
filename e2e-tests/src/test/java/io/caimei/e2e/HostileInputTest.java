package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Hostile input at the public API: each gets a precise 4xx, nothing is counted, the services stay healthy. Year 2013. */
@ExtendWith(Stack.class)
class HostileInputTest {

    private static Map<String, Object> good() {
        return new HashMap<>(Api.event("hostile-ok", "MIGU_APP", "E5", "CONTENT", "hostile-content",
                "2013-06-06T10:00:00+08:00", "viewer-1"));
    }

    private static ValidatableResponse postCanonical(Object body) {
        return given().baseUri(Stack.gateway()).auth().oauth2(Tokens.channels()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/events").then();
    }

    private static ValidatableResponse postRaw(String channel, String type, byte[] body) {
        return given().baseUri(Stack.gateway()).auth().oauth2(Tokens.channels()).contentType(type).body(body)
                .post("/api/v1/channels/{c}/events", channel).then();
    }

    private static String rejection(Map<String, Object> event) {
        return postCanonical(List.of(event)).statusCode(400).contentType("application/problem+json").extract()
                .path("rejected[0].reason");
    }

    @Test
    void wrongTypesHugeNumbersBadDeltasAndUnknownEnumsAreRejectedWithTheirReason() {
        Map<String, Object> e = good();
        e.put("delta", "abc");
        assertEquals("BAD_FIELD", rejection(e).split(":")[0]);
        e = good();
        e.put("delta", new java.math.BigDecimal("1e30"));
        assertEquals("BAD_FIELD", rejection(e).split(":")[0]);
        e = good();
        e.put("delta", -1);
        assertEquals("BAD_FIELD", rejection(e).split(":")[0], "only an unfollow (E10) may count -1");
        e = good();
        e.put("indicator", "E99");
        assertEquals("BAD_FIELD", rejection(e).split(":")[0]);
        e = good();
        e.put("indicator", "E2");
        assertEquals("BAD_FIELD", rejection(e).split(":")[0], "E2 is derived, never sent");
        e = good();
        e.put("entityType", "PLANET");
        assertEquals("BAD_FIELD", rejection(e).split(":")[0]);
    }

    @Test
    void injectionAndTraversalAttemptsInIdsAreRejected() {
        for (String id : List.of("x';DROP TABLE catalog_entity;--", "../../etc/passwd", "a\r\nFLUSHALL", "{p0}:off",
                "a b", "<script>alert(1)</script>")) {
            Map<String, Object> e = good();
            e.put("entityId", id);
            String reason = rejection(e);
            assertEquals(true, reason.startsWith("BAD_ID") || reason.startsWith("BAD_FIELD"), id + " → " + reason);
        }
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .get("/api/v1/entities/{e}/periods/2013/explanation", "x';DROP TABLE catalog_entity;--")
                .then().statusCode(400).contentType("application/problem+json");
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .get("/api/v1/boards/content-heat/periods/{p}", "2013-06-06\r\nFLUSHALL")
                .then().statusCode(400).contentType("application/problem+json");
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .get("/api/v1/boards/{b}/periods/2013", "..%2F..%2Fetc")
                .then().statusCode(anyOf(equalTo(400), equalTo(404)));
    }

    @Test
    void malformedBodiesGetA4xxNeverA500() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        postRaw("MIGU_APP", "application/json", deep.getBytes(StandardCharsets.UTF_8)).statusCode(400)
                .contentType("application/problem+json");
        byte[] invalidUtf8 = { '[', '{', '"', 'e', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']' };
        postRaw("MIGU_APP", "application/json", invalidUtf8).statusCode(400).body("detail",
                not(startsWith("java")));
        postRaw("CRBT", "text/plain", "c1|13800138000|13900139000|hostile-content|PLAY|20130606100000|PLAY|x\n"
                .getBytes(StandardCharsets.UTF_8)).statusCode(400).body("rejected[0].reason", startsWith("MALFORMED_LINE"));
        postRaw("CRBT", "text/plain", "c2|13800138000|13900139000|hostile-content|PLAY|19990606100000\n"
                .getBytes(StandardCharsets.UTF_8)).statusCode(400).body("rejected[0].reason", startsWith("BAD_TIMESTAMP"));
        postRaw("CRBT", "text/plain", "c3|13800138000|13900139000|hostile-content|PLAY|20990606100000\n"
                .getBytes(StandardCharsets.UTF_8)).statusCode(400).body("rejected[0].reason", startsWith("FUTURE_EVENT"));
        // a field named twice is ambiguous: the channel's batch and the analyst's simulation are refused, not guessed
        postRaw("MIGU_APP", "application/json", ("[{\"eid\":\"dup-1\",\"eid\":\"dup-2\",\"type\":\"PLAY\"}]")
                .getBytes(StandardCharsets.UTF_8)).statusCode(400).contentType("application/problem+json")
                .body("detail", not(startsWith("java")));
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst")).contentType("application/json")
                .body("{\"limit\":3,\"limit\":2}").post("/api/v1/boards/content-heat/periods/2013/simulate").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://caimei.io/problems/malformed-json"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            many.append("m").append(i).append("|13800138000|13900139000|hostile-content|PLAY|20130606100000\n");
        }
        postRaw("CRBT", "text/plain", many.toString().getBytes(StandardCharsets.UTF_8)).statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void afterAllOfItNothingWasCountedAndEveryServiceIsReady() throws Exception {
        wrongTypesHugeNumbersBadDeltasAndUnknownEnumsAreRejectedWithTheirReason();
        malformedBodiesGetA4xxNeverA500();
        Thread.sleep(1500);
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .get("/api/v1/boards/content-heat/periods/2013").then().statusCode(200).body("total", equalTo(0));
        for (var s : Map.of("gateway", Stack.GATEWAY_PORT, "ingest-service", Stack.INGEST_PORT, "scoring-service",
                Stack.SCORING_PORT, "ranking-service", Stack.RANKING_PORT).entrySet()) {
            given().baseUri(Stack.health(s.getKey(), s.getValue())).get("/q/health/ready").then().statusCode(200);
        }
    }
}
