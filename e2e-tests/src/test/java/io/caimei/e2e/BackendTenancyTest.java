package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Tenancy in depth: ranking and scoring called straight on their own ports, past the gateway, with real Keycloak
 * tokens of each identity. An advertiser sees the owner and raw values of its own campaigns only, and another
 * advertiser's campaign is refused exactly like a missing id; boards stay readable by every reader and name no owner.
 * Owns the year 2007.
 */
@ExtendWith(Stack.class)
class BackendTenancyTest {

    private static final String DAY = "2007-07-07";
    private static final String AT = "2007-07-07T11:00:00+08:00";
    private static final String BRAND = "bt-brand-campaign";
    private static final String TOURISM = "bt-tourism-campaign";
    private static final String MISSING = "bt-no-such-campaign";
    private static final String NOT_YOURS = "https://caimei.io/problems/not-your-campaign";

    /** Each caller, its token, and the campaign it owns (none for internal roles). */
    enum Who {
        NOBODY(null, null), BRAND_ADVERTISER("brand-advertiser", BRAND),
        TOURISM_ADVERTISER("tourism-advertiser", TOURISM), ANALYST("analyst", null), ADMIN("admin", null);

        final String user;
        final String owns;

        Who(String user, String owns) {
            this.user = user;
            this.owns = owns;
        }

        String token() {
            return user == null ? null : Tokens.user(user);
        }

        boolean advertiser() {
            return owns != null;
        }

        /** The other advertiser's campaign. */
        String other() {
            return BRAND.equals(owns) ? TOURISM : BRAND;
        }
    }

    @BeforeAll
    static void twoAdvertisersEachHaveACampaignWithScores() throws Exception {
        Api.putCatalog(List.of(campaign(BRAND, "深度租户品牌", "BRAND", "adv-brand"),
                campaign(TOURISM, "深度租户文旅", "TOURISM", "adv-tourism")));
        Api.postAll(List.of(
                Api.event("bt-brand-1", "MIGU_APP", "E5", "CAMPAIGN", BRAND, AT, "viewer-1"),
                Api.event("bt-brand-2", "MIGU_APP", "E5", "CAMPAIGN", BRAND, AT, "viewer-2"),
                Api.event("bt-tourism-1", "MIGU_APP", "E5", "CAMPAIGN", TOURISM, AT, "viewer-1"),
                Api.event("bt-tourism-2", "MIGU_APP", "E5", "CAMPAIGN", TOURISM, AT, "viewer-2")));
        for (String id : List.of(BRAND, TOURISM)) {
            Api.awaitExplanation(id, DAY, x -> x.getLong("raw.E5") == 2, Duration.ofSeconds(60));
        }
        Api.awaitBoard("brand-promotion", DAY, 20, r -> r.jsonPath().getList("entries.entityId").contains(BRAND),
                Duration.ofSeconds(60));
        Api.awaitBoard("tourism-promotion", DAY, 20, r -> r.jsonPath().getList("entries.entityId").contains(TOURISM),
                Duration.ofSeconds(60));
    }

    private static Map<String, Object> campaign(String id, String name, String category, String owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", "CAMPAIGN");
        m.put("name", name);
        m.put("category", category);
        m.put("owner", owner);
        return m;
    }

    private static Response get(int port, String path, String token) {
        RequestSpecification req = given().baseUri("http://127.0.0.1:" + port);
        if (token != null) {
            req = req.header("Authorization", "Bearer " + token);
        }
        return req.get(path);
    }

    private static Response catalog(Who who, String id) {
        return get(Stack.RANKING_PORT, "/v1/catalog/entities/" + id, who.token());
    }

    private static Response explanation(Who who, String id) {
        return get(Stack.SCORING_PORT, "/v1/entities/" + id + "/periods/" + DAY + "/explanation", who.token());
    }

    private static void assertNotYours(Response r, String what) {
        assertEquals(403, r.statusCode(), what + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals(NOT_YOURS, r.jsonPath().getString("type"), what);
    }

    @ParameterizedTest(name = "ranking's catalog entry as {0}")
    @EnumSource(Who.class)
    void rankingsCatalogEntryAnswersEachCallerAsTheRuleSays(Who who) {
        if (who == Who.NOBODY) {
            for (String id : List.of(BRAND, TOURISM, MISSING)) {
                assertEquals(401, catalog(who, id).statusCode(), id);
            }
        } else if (who.advertiser()) {
            Response own = catalog(who, who.owns);
            assertEquals(200, own.statusCode(), own.asString());
            assertEquals(who.owns, own.jsonPath().getString("id"));
            assertNotYours(catalog(who, who.other()), who + " reading " + who.other());
            assertNotYours(catalog(who, MISSING), who + " reading a missing id");
        } else {
            assertEquals("adv-brand", catalog(who, BRAND).then().statusCode(200).extract().path("owner"));
            assertEquals("adv-tourism", catalog(who, TOURISM).then().statusCode(200).extract().path("owner"));
            assertEquals(404, catalog(who, MISSING).statusCode(), "internal roles still learn an id is missing");
        }
    }

    @ParameterizedTest(name = "scoring's explanation as {0}")
    @EnumSource(Who.class)
    void scoringsExplanationAnswersEachCallerAsTheRuleSays(Who who) {
        if (who == Who.NOBODY) {
            for (String id : List.of(BRAND, TOURISM, MISSING)) {
                assertEquals(401, explanation(who, id).statusCode(), id);
            }
        } else if (who.advertiser()) {
            Response own = explanation(who, who.owns);
            assertEquals(200, own.statusCode(), own.asString());
            assertEquals(2, own.jsonPath().getLong("raw.E5"), "its own raw values");
            assertNotYours(explanation(who, who.other()), who + " explaining " + who.other());
            assertNotYours(explanation(who, MISSING), who + " explaining a missing id");
        } else {
            for (String id : List.of(BRAND, TOURISM)) {
                Response r = explanation(who, id);
                assertEquals(200, r.statusCode(), id + ": " + r.asString());
                assertEquals(2, r.jsonPath().getLong("raw.E5"), id);
            }
            Response missing = explanation(who, MISSING);
            assertEquals(404, missing.statusCode(), missing.asString());
            assertEquals("https://caimei.io/problems/not-found", missing.jsonPath().getString("type"));
        }
    }

    @ParameterizedTest(name = "ranking's boards as {0}")
    @EnumSource(Who.class)
    void rankingsBoardsAnswerEveryReaderAndNameNoOwner(Who who) {
        List<String> paths = List.of("/v1/boards", "/v1/boards/tourism-promotion/periods",
                "/v1/boards/tourism-promotion/periods/" + DAY + "?limit=20",
                "/v1/boards/brand-promotion/periods/" + DAY + "?limit=20",
                "/v1/boards/tourism-promotion/periods/" + DAY + "/entities/" + TOURISM + "?around=2",
                "/v1/boards/brand-promotion/periods/" + DAY + "/entities/" + BRAND + "?around=2");
        for (String path : paths) {
            Response r = get(Stack.RANKING_PORT, path, who.token());
            if (who == Who.NOBODY) {
                assertEquals(401, r.statusCode(), path);
                continue;
            }
            // every reader, advertisers included, reads every board: names and scores, never owners or raw values
            assertEquals(200, r.statusCode(), path + ": " + r.asString());
            assertFalse(r.asString().contains("adv-brand") || r.asString().contains("adv-tourism"),
                    path + " names an owner");
            assertFalse(r.asString().contains("\"raw\""), path + " carries raw values");
        }
    }

    @Test
    void anotherAdvertisersCampaignCannotBeToldFromAMissingIdOnEitherBackend() {
        Who brand = Who.BRAND_ADVERTISER;
        Response foreignEntry = catalog(brand, TOURISM);
        Response missingEntry = catalog(brand, MISSING);
        assertEquals(missingEntry.asString(), foreignEntry.asString(), "ranking: the same body");
        assertEquals(missingEntry.statusCode(), foreignEntry.statusCode());
        Response foreignExplanation = explanation(brand, TOURISM);
        Response missingExplanation = explanation(brand, MISSING);
        assertEquals(missingExplanation.asString(), foreignExplanation.asString(), "scoring: the same body");
        assertEquals(missingExplanation.statusCode(), foreignExplanation.statusCode());
        assertEquals(foreignEntry.asString(), foreignExplanation.asString(), "and the same refusal on both");
    }

    @Test
    void ingestsClientCredentialsTokenKeepsReadingAttributionLinksButNoEntry() {
        Response links = get(Stack.RANKING_PORT, "/v1/catalog/attribution", Tokens.channels());
        assertEquals(200, links.statusCode(), links.asString());
        assertTrue(links.jsonPath().getLong("version") >= 0);
        assertEquals(403, get(Stack.RANKING_PORT, "/v1/catalog/entities/" + BRAND, Tokens.channels()).statusCode());
    }
}
