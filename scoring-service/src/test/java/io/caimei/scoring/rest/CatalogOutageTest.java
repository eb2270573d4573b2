package io.caimei.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;

/** Ranking down: an advertiser's breakdown is a 503 problem (never a 200 nor a refusal); analysts are unaffected. */
@QuarkusTest
@TestProfile(CatalogOutageTest.RankingDown.class)
class CatalogOutageTest {

    /** The catalog's URL on a port where nothing listens. */
    public static class RankingDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.catalog.url", "http://127.0.0.1:1");
        }
    }

    @Test
    @TestSecurity(user = "brand", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-brand"))
    void anAdvertisersBreakdownIsA503ProblemWhileRankingIsDown() {
        for (int i = 0; i < 12; i++) {
            // the breaker opens on the way: the answer stays the same 503
            given().when().get("/v1/entities/camp-brand/periods/2009-03-04/explanation").then().statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", equalTo("2"))
                    .body("type", equalTo("https://caimei.io/problems/dependency-unavailable"));
        }
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void analystsStillGetBreakdownsWhileRankingIsDown() {
        given().when().get("/v1/entities/camp-brand/periods/2009-03-04/explanation").then().statusCode(404)
                .body("type", equalTo("https://caimei.io/problems/not-found"));
    }
}
