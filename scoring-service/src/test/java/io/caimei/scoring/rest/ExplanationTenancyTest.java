package io.caimei.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * Scoring applies advertiser tenancy itself: reached directly, past the gateway, an advertiser still sees only its
 * own campaigns' raw values, and cannot tell another advertiser's campaign from a missing one.
 */
@QuarkusTest
@TestProfile(ExplanationTenancyTest.WithFakeCatalog.class)
class ExplanationTenancyTest {

    private static final String PERIOD = "2009-03-04";

    /** The service with ranking's catalog replaced by {@link FakeCatalog}. */
    public static class WithFakeCatalog implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeCatalog.class));
        }
    }

    private static Response explain(String entity) {
        return given().when().get("/v1/entities/" + entity + "/periods/" + PERIOD + "/explanation");
    }

    @Test
    @TestSecurity(user = "brand", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-brand"))
    void anAdvertiserPassesTheRuleForItsOwnCampaignAndGetsItsData() {
        // nothing was counted for the campaign here: "no data" (404) proves the rule let the advertiser through
        explain("camp-brand").then().statusCode(404)
                .body("type", equalTo("https://caimei.io/problems/not-found"));
    }

    @Test
    @TestSecurity(user = "brand", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-brand"))
    void anotherAdvertisersCampaignAndAMissingIdAreTheSame403() {
        Response foreign = explain("camp-tourism");
        Response missing = explain("camp-nobody-has");
        Response song = explain("song-1");
        for (Response r : List.of(foreign, missing, song)) {
            r.then().statusCode(403).contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://caimei.io/problems/not-your-campaign"));
        }
        assertEquals(foreign.body().asString(), missing.body().asString(), "the same body for both");
        assertEquals(foreign.body().asString(), song.body().asString(), "and for an entity that is no campaign");
    }

    @Test
    @TestSecurity(user = "nobody", roles = "advertiser")
    void anAdvertiserWithoutAnAdvertiserIdSeesNoBreakdown() {
        int before = FakeCatalog.LOOKUPS.get();
        explain("camp-brand").then().statusCode(403)
                .body("type", equalTo("https://caimei.io/problems/not-your-campaign"));
        assertEquals(before, FakeCatalog.LOOKUPS.get(), "refused without asking the catalog");
    }

    @Test
    @TestSecurity(user = "brand", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-brand"))
    void aFailingCatalogIsA503ProblemNeverAnAnswer() {
        explain("camp-broken").then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("2"))
                .body("type", equalTo("https://caimei.io/problems/dependency-unavailable"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void analystsSeeAnyEntityWithoutACatalogLookup() {
        int before = FakeCatalog.LOOKUPS.get();
        explain("camp-tourism").then().statusCode(404).body("type", equalTo("https://caimei.io/problems/not-found"));
        explain("camp-broken").then().statusCode(404).body("type", equalTo("https://caimei.io/problems/not-found"));
        assertEquals(before, FakeCatalog.LOOKUPS.get());
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void adminsSeeAnyEntityToo() {
        explain("camp-tourism").then().statusCode(404).body("type", equalTo("https://caimei.io/problems/not-found"));
    }

    @Test
    @TestSecurity(user = "channel-feed", roles = "ingest")
    void theIngestRoleMayNotReadBreakdowns() {
        explain("camp-brand").then().statusCode(403);
    }
}
