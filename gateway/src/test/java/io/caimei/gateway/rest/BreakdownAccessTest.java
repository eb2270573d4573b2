package io.caimei.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Who may read an entity's breakdown through the gateway: roles from the token, advertisers only for their own
 * campaigns, and a refusal that does not tell another advertiser's campaign from a missing one. Identities come
 * from {@code @TestSecurity}, so no Keycloak is needed; the backends are {@link FakeBackends}.
 */
@QuarkusTest
@WithTestResource(FakeBackends.class)
class BreakdownAccessTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private static ExtractableResponse<Response> explanation(String entity) {
        return given().when().get("/api/v1/entities/{entity}/periods/2024-02-14/explanation", entity)
                .then().extract();
    }

    @Test
    void aCallerWithoutATokenIsAskedToAuthenticate() {
        given().when().get("/api/v1/entities/camp-a/periods/2024-02-14/explanation")
                .then().statusCode(401).contentType(startsWith(PROBLEM_JSON));
    }

    @Test
    @TestSecurity(user = "channel-feed", roles = "ingest")
    void anIngestClientMayNotReadBreakdowns() {
        given().when().get("/api/v1/entities/camp-a/periods/2024-02-14/explanation")
                .then().statusCode(403).contentType(startsWith(PROBLEM_JSON))
                .body("type", equalTo("https://caimei.io/problems/forbidden"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void anAnalystReadsAnyEntitysBreakdownWithTheTokenPassedOn() {
        FakeBackends.AUTHORIZATIONS.clear();
        given().when().get("/api/v1/entities/camp-b/periods/2024-02-14/explanation")
                .then().statusCode(200).body("entityId", equalTo("camp-b")).body("score", equalTo(42.0f));
        assertTrue(FakeBackends.AUTHORIZATIONS.stream().allMatch(a -> a.startsWith("Bearer ")),
                "every backend call carries the caller's token: " + FakeBackends.AUTHORIZATIONS);
    }

    @Test
    @TestSecurity(user = "alice", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-a"))
    void anAdvertiserReadsItsOwnCampaignsBreakdown() {
        given().when().get("/api/v1/entities/camp-a/periods/2024-02-14/explanation")
                .then().statusCode(200).body("entityId", equalTo("camp-a"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-a"))
    void anAdvertiserCannotTellAnotherAdvertisersCampaignFromAMissingOne() {
        ExtractableResponse<Response> others = explanation("camp-b");
        ExtractableResponse<Response> missing = explanation("no-such-campaign");
        ExtractableResponse<Response> notACampaign = explanation("song-1");

        assertEquals(403, others.statusCode());
        assertEquals("https://caimei.io/problems/not-your-campaign", others.path("type"));
        assertEquals(others.asString(), missing.asString(), "the same answer whether the campaign exists or not");
        assertEquals(others.asString(), notACampaign.asString(), "advertisers see campaign breakdowns only");
    }

    @Test
    @TestSecurity(user = "bob", roles = "advertiser")
    void anAdvertiserTokenWithoutAnAdvertiserIdSeesNoBreakdown() {
        given().when().get("/api/v1/entities/camp-a/periods/2024-02-14/explanation")
                .then().statusCode(403).contentType(startsWith(PROBLEM_JSON))
                .body("type", equalTo("https://caimei.io/problems/not-your-campaign"));
    }
}
