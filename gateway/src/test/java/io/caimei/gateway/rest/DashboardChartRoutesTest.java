package io.caimei.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * The dashboard's session routes for issue #17's page: search, campaigns, CSV download, profiles, simulation and
 * history, with the same answers and the same role checks as the public API. The backends are {@link ChartBackends}.
 */
@QuarkusTest
@WithTestResource(ChartBackends.class)
class DashboardChartRoutesTest {

    private static final String BOARD = "/ui/api/boards/music/periods/2024-W19";

    @Test
    @TestSecurity(user = "alice", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-a"))
    void theSignedInAdvertiserSeesItsIdAndItsCampaigns() {
        given().when().get("/ui/api/me").then().statusCode(200).body("advertiserId", equalTo("adv-a"))
                .body("roles", contains("advertiser"));
        given().when().get("/ui/api/me/campaigns").then().statusCode(200).body("entityId", contains("camp-a"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void anAnalystHasNoAdvertiserId() {
        given().when().get("/ui/api/me").then().statusCode(200).body("advertiserId", nullValue())
                .body("internal", equalTo(true));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void theCsvDownloadIsTheBackendsFileUnchanged() {
        Response r = given().header("Accept", "text/csv").queryParam("offset", 0).queryParam("limit", 20)
                .when().get(BOARD);
        assertEquals(200, r.statusCode());
        assertEquals("attachment; filename=\"music-2024-W19.csv\"", r.header("Content-Disposition"));
        assertEquals("text/csv; charset=UTF-8", r.header("Content-Type"));
        assertArrayEquals(ChartBackends.CSV, r.asByteArray());
        assertEquals("no-store", r.header("Cache-Control"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void searchAndHistoryAnswerAsThePublicRoutesDo() {
        given().queryParam("q", "青花").when().get(BOARD + "/search").then().statusCode(200)
                .body("query", equalTo("青花"));
        given().when().get(BOARD + "/entities/song-1/history").then().statusCode(200)
                .body("rank", contains(4, null, 1));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void anAnalystReadsProfilesAndSimulatesFromTheDashboardsOwnPage() {
        given().when().get("/ui/api/weight-profiles").then().statusCode(200).body("[0].weights.C1", equalTo(0.3f));
        given().header("Sec-Fetch-Site", "same-origin").contentType("application/json")
                .body("{\"weights\":{\"E1\":0.3},\"limit\":10}").when().post(BOARD + "/simulate")
                .then().statusCode(200).body("given", contains("E1"));
        assertEquals("{\"weights\":{\"E1\":0.3},\"limit\":10}", ChartBackends.LAST.get("simulate"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void aSimulationPostedFromAnotherSiteIsRefused() {
        given().header("Sec-Fetch-Site", "cross-site").contentType("application/json")
                .body("{\"weights\":{}}").when().post(BOARD + "/simulate").then().statusCode(403)
                .body("type", equalTo("https://caimei.io/problems/cross-origin-request"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-a"))
    void anAdvertiserMayNeitherSimulateNorReadProfiles() {
        given().header("Sec-Fetch-Site", "same-origin").contentType("application/json")
                .body("{\"weights\":{\"E1\":0.3}}").when().post(BOARD + "/simulate").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().when().get("/ui/api/weight-profiles").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }
}
