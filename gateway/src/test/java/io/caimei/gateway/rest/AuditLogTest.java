package io.caimei.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;

/**
 * The audit trail as an operator reads it: every refusal (401, 403, 429) and every successful admin action leaves
 * exactly one JSON line on the {@code caimei.audit} category, naming who and what but never a token, a query
 * string, a body or a phone number. The lines are caught in process by a handler on that logger.
 */
@QuarkusTest
@TestProfile(AuditLogProfile.class)
class AuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "13800138000";
    /** A well-formed but unsigned JWT whose payload claims {"sub":"mallory"}. */
    private static final String FORGED =
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJtYWxsb3J5In0.Zm9yZ2VkLXNpZ25hdHVyZQ";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("caimei.audit").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("caimei.audit").removeHandler(capture);
    }

    /** Every captured line parsed; a line that is not one JSON object fails the test. */
    private List<Map<String, Object>> parsed() {
        return lines.stream().map(AuditLogTest::parse).toList();
    }

    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, new TypeReference<Map<String, Object>>() { });
        } catch (Exception e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
    }

    private Map<String, Object> onlyLine() {
        List<Map<String, Object>> all = parsed();
        assertEquals(1, all.size(), "exactly one audit line: " + lines);
        return all.get(0);
    }

    private void assertNothingSecretIn() {
        for (String line : lines) {
            assertFalse(line.contains(PHONE), "a phone number in an audit line: " + line);
            assertFalse(line.contains(FORGED) || line.contains("Zm9yZ2VkLXNpZ25hdHVyZQ"), "a token in: " + line);
            assertFalse(line.contains("Bearer"), "an Authorization value in: " + line);
            assertFalse(line.contains("?"), "a query string in: " + line);
        }
    }

    @Test
    void anAnonymousRequestLeavesOne401LineWithoutItsQueryString() {
        given().when().get("/api/v1/boards?msisdn=" + PHONE).then().statusCode(401);

        Map<String, Object> line = onlyLine();
        assertEquals("denied", line.get("event"));
        assertEquals(401, line.get("status"));
        assertEquals("GET", line.get("method"));
        assertEquals("/api/v1/boards", line.get("route"));
        assertEquals("anonymous", line.get("subject"));
        assertEquals("unauthorized", line.get("reason"));
        assertEquals("127.0.0.1", line.get("remote"));
        assertNothingSecretIn();
    }

    @Test
    void aForgedTokenIs401AndNeitherTheTokenNorItsClaimedSubjectIsLogged() {
        given().header("Authorization", "Bearer " + FORGED).when().get("/api/v1/boards").then().statusCode(401);

        Map<String, Object> line = onlyLine();
        assertEquals(401, line.get("status"));
        assertEquals("anonymous", line.get("subject"), "an unverified token's subject is not believed");
        assertFalse(String.valueOf(line).contains("mallory"));
        assertNothingSecretIn();
    }

    @Test
    @TestSecurity(user = "adv-reader", roles = "advertiser")
    @OidcSecurity(claims = { @Claim(key = "advertiser_id", value = "adv-a"),
            @Claim(key = "azp", value = "caimei-web") })
    void anAdvertiserOnAnAnalystRouteLeavesA403LineWithItsSubjectAndClient() {
        given().cookie("q_session", "secret-session-value").when().get("/api/v1/catalog/entities/camp-a")
                .then().statusCode(403);

        Map<String, Object> line = onlyLine();
        assertEquals("denied", line.get("event"));
        assertEquals(403, line.get("status"));
        assertEquals("/api/v1/catalog/entities/camp-a", line.get("route"));
        assertEquals("adv-reader", line.get("subject"));
        assertEquals("caimei-web", line.get("client"));
        assertEquals("forbidden", line.get("reason"));
        assertFalse(lines.get(0).contains("secret-session-value"), "no cookie value: " + lines);
    }

    @Test
    @TestSecurity(user = "adv-curious", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-a"))
    void anAdvertiserAskingForAnotherAdvertisersCampaignLeavesANotYourCampaignLine() {
        given().when().get("/api/v1/entities/camp-b/periods/2024-02-14/explanation").then().statusCode(403);

        Map<String, Object> line = onlyLine();
        assertEquals(403, line.get("status"));
        assertEquals("/api/v1/entities/camp-b/periods/2024-02-14/explanation", line.get("route"));
        assertEquals("adv-curious", line.get("subject"));
        assertEquals("not-your-campaign", line.get("reason"));
    }

    @Test
    @TestSecurity(user = "adv-own", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-a"))
    void anAnsweredRequestLeavesNoLine() {
        given().when().get("/api/v1/entities/camp-a/periods/2024-02-14/explanation").then().statusCode(200);

        assertTrue(lines.isEmpty(), "only refusals and admin actions are audited: " + lines);
    }

    @Test
    @TestSecurity(user = "adv-dialer", roles = "advertiser")
    void aPhoneNumberInTheRouteOfARefusedRequestIsNotWritten() {
        given().when().get("/api/v1/catalog/entities/86" + PHONE).then().statusCode(403);
        given().when().get("/api/v1/catalog/entities/x" + PHONE + "y").then().statusCode(403);

        List<Map<String, Object>> all = parsed();
        assertEquals(2, all.size(), "one line per refusal: " + lines);
        assertEquals("/api/v1/catalog/entities/[redacted]", all.get(0).get("route"));
        assertEquals("/api/v1/catalog/entities/[redacted]", all.get(1).get("route"));
        assertNothingSecretIn();
    }

    @Test
    @TestSecurity(user = "adv-greedy", roles = "advertiser")
    void everyRateLimitedAnswerLeavesOne429Line() {
        int limited = 0;
        for (int i = 0; i < 50 && limited < 3; i++) {
            int status = given().when().get("/api/v1/boards").then().extract().statusCode();
            assertTrue(status == 200 || status == 429, "status " + status);
            limited += status == 429 ? 1 : 0;
        }
        assertTrue(limited > 0, "a budget of " + AuditLogProfile.ADVERTISER_BUDGET + " a second was exceeded");

        List<Map<String, Object>> all = parsed();
        assertEquals(limited, all.size(), "one line per 429 and none for the answered requests: " + lines);
        for (Map<String, Object> line : all) {
            assertEquals("denied", line.get("event"));
            assertEquals(429, line.get("status"));
            assertEquals("/api/v1/boards", line.get("route"));
            assertEquals("adv-greedy", line.get("subject"));
            assertEquals("rate-limited", line.get("reason"));
        }
    }

    @Test
    @TestSecurity(user = "ops-admin", roles = "admin")
    void aSuccessfulPeriodCloseLeavesOneAdminLine() {
        given().when().post("/api/v1/periods/2024-02-14/close").then().statusCode(200);

        Map<String, Object> line = onlyLine();
        assertEquals("admin", line.get("event"));
        assertEquals("period-close", line.get("action"));
        assertEquals("2024-02-14", line.get("target"));
        assertEquals(200, line.get("status"));
        assertEquals("ops-admin", line.get("subject"));
    }

    @Test
    @TestSecurity(user = "ops-admin", roles = "admin")
    void aRefusedAdminActionLeavesNoAdminLine() {
        given().when().post("/api/v1/periods/2024-02-15/close").then().statusCode(409);

        assertTrue(lines.isEmpty(), "only actions that succeeded are admin lines: " + lines);
    }

    @Test
    @TestSecurity(user = "ops-admin", roles = "admin")
    void catalogWritesAreLoggedWithTheirIdsButNotTheirBodies() {
        given().contentType("application/json")
                .body("{\"id\":\"camp-c\",\"type\":\"CAMPAIGN\",\"owner\":\"adv-a\",\"name\":\"" + PHONE + "\"}")
                .when().put("/api/v1/catalog/entities/camp-c?contact=" + PHONE).then().statusCode(200);
        given().contentType("application/json")
                .body("[{\"id\":\"camp-d\",\"type\":\"CAMPAIGN\"},{\"id\":\"" + PHONE + "\",\"type\":\"MUSIC\"}]")
                .when().post("/api/v1/catalog/entities").then().statusCode(200);

        List<Map<String, Object>> all = parsed();
        assertEquals(2, all.size(), "one line per action: " + lines);
        assertEquals("catalog-put", all.get(0).get("action"));
        assertEquals("camp-c", all.get(0).get("target"));
        assertEquals("catalog-import", all.get(1).get("action"));
        assertEquals("camp-d", all.get(1).get("target"), "the ids imported, a phone number among them left out");
        assertNothingSecretIn();
    }

    @Test
    @TestSecurity(user = "ops-admin", roles = "admin")
    void profileWritesNameTheVersionTheyCreatedOrActivated() {
        given().contentType("application/json").body("{\"name\":\"standard\",\"weights\":{}}")
                .when().post("/api/v1/weight-profiles").then().statusCode(201);
        given().when().post("/api/v1/weight-profiles/standard/versions/2/activate").then().statusCode(200);

        List<Map<String, Object>> all = parsed();
        assertEquals(2, all.size(), "one line per action: " + lines);
        assertEquals("weight-profile-create", all.get(0).get("action"));
        assertEquals("standard/v3", all.get(0).get("target"));
        assertEquals(201, all.get(0).get("status"));
        assertEquals("weight-profile-activate", all.get(1).get("action"));
        assertEquals("standard/v2", all.get(1).get("target"));
    }
}
