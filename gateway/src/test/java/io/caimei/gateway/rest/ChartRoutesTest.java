package io.caimei.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;

/**
 * Issue #17's public routes through the gateway: rank history, search, the caller's campaigns, and the CSV export
 * relayed byte for byte; who may call them. The backends are {@link ChartBackends}.
 */
@QuarkusTest
@WithTestResource(ChartBackends.class)
class ChartRoutesTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String BOARD = "/api/v1/boards/music/periods/2024-W19";

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void historyListsTheSameKindOfPeriodsOldestFirstWithUnrankedOnesAsNull() {
        given().when().get(BOARD + "/entities/song-1/history").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("period", contains("2024-W17", "2024-W18", "2024-W19"))
                .body("rank", contains(4, null, 1))
                .body("[1].score", nullValue())
                .body("[2].score", equalTo(299.5f))
                .body("closed", contains(true, true, true));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void historyLooksBackOnlyAsFarAsAsked() {
        given().queryParam("periods", 2).when().get(BOARD + "/entities/song-1/history").then().statusCode(200)
                .body("period", contains("2024-W18", "2024-W19"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void historyOfMoreThanTwelvePeriodsIsA400Problem() {
        given().queryParam("periods", 13).when().get(BOARD + "/entities/song-1/history").then().statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("type", equalTo("https://caimei.io/problems/bad-paging"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void historyOfAnUnknownBoardIsRankingsOwn404() {
        given().when().get("/api/v1/boards/nope/periods/2024-W19/entities/song-1/history").then().statusCode(404)
                .contentType(startsWith(PROBLEM_JSON)).body("detail", equalTo("no board"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void aCsvExportIsRelayedByteForByteWithItsFileName() {
        Response r = given().header("Accept", "text/csv").queryParam("all", true).when().get(BOARD);
        assertEquals(200, r.statusCode());
        assertEquals("text/csv; charset=UTF-8", r.header("Content-Type"));
        assertEquals("attachment; filename=\"music-2024-W19.csv\"", r.header("Content-Disposition"));
        byte[] body = r.asByteArray();
        assertArrayEquals(ChartBackends.CSV, body);
        assertEquals((byte) 0xEF, body[0], "the UTF-8 BOM survives the relay");
        assertEquals("text/csv", ChartBackends.LAST.get("page-accept"));
        assertTrue(ChartBackends.LAST.get("page").contains("all=true"), ChartBackends.LAST.get("page"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void jsonStaysTheDefaultAndPagingIsPassedOn() {
        given().queryParam("offset", 20).queryParam("limit", 10).when().get(BOARD).then().statusCode(200)
                .contentType(startsWith("application/json")).body("entries[0].name", equalTo("青花瓷"));
        assertTrue(ChartBackends.LAST.get("page").contains("offset=20"), ChartBackends.LAST.get("page"));
        assertTrue(ChartBackends.LAST.get("page").contains("limit=10"), ChartBackends.LAST.get("page"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void anAcceptNeitherJsonNorCsvIsRankingsOwn406() {
        given().header("Accept", "application/xml").when().get(BOARD).then().statusCode(406)
                .contentType(startsWith(PROBLEM_JSON))
                .body("type", equalTo("https://caimei.io/problems/not-acceptable"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "advertiser")
    void searchPassesTheQueryOnAndRelaysTheMatches() {
        given().queryParam("q", "青花").queryParam("limit", 5).when().get(BOARD + "/search").then().statusCode(200)
                .body("query", equalTo("青花")).body("entries[0].entityId", equalTo("song-1"));
        assertTrue(ChartBackends.LAST.get("search").contains("limit=5"), ChartBackends.LAST.get("search"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-a"))
    void anAdvertiserListsItsCampaigns() {
        given().when().get("/api/v1/me/campaigns").then().statusCode(200)
                .body("entityId", contains("camp-a")).body("[0].type", equalTo("CAMPAIGN"));
    }

    @Test
    @TestSecurity(user = "channel-feed", roles = "ingest")
    void anIngestClientHasNoCampaignsToList() {
        given().when().get("/api/v1/me/campaigns").then().statusCode(403).contentType(startsWith(PROBLEM_JSON));
    }

    @Test
    void theNewRoutesAskForAToken() {
        for (String path : new String[] { "/api/v1/me/campaigns", BOARD + "/search?q=a",
            BOARD + "/entities/song-1/history" }) {
            given().when().get(path).then().statusCode(401).contentType(startsWith(PROBLEM_JSON));
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "advertiser")
    void anAdvertiserMayNotSimulate() {
        given().contentType("application/json").body("{\"weights\":{\"E1\":0.3}}").when().post(BOARD + "/simulate")
                .then().statusCode(403).contentType(startsWith(PROBLEM_JSON))
                .body("type", equalTo("https://caimei.io/problems/forbidden"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void anAnalystSimulatesWithPartialWeights() {
        given().contentType("application/json").body("{\"weights\":{\"E1\":0.3}}").when().post(BOARD + "/simulate")
                .then().statusCode(200).body("given", contains("E1"));
        assertEquals("{\"weights\":{\"E1\":0.3}}", ChartBackends.LAST.get("simulate"));
    }
}
