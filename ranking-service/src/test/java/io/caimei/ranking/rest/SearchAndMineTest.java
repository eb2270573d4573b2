package io.caimei.ranking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.events.CampaignCategory;
import io.caimei.events.EntityType;
import io.caimei.events.Period;
import io.caimei.events.PeriodKind;
import io.caimei.events.ScoreUpdate;
import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.service.CatalogService;
import io.caimei.ranking.service.RankingService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;

/** Search across a board-period by name (Chinese too) or id, and an advertiser's own campaigns. */
@QuarkusTest
class SearchAndMineTest {

    @Inject
    RankingService ranking;

    @Inject
    CatalogService catalog;

    private static Period freshDay() {
        return new Period(PeriodKind.DAY,
                LocalDate.of(1700, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(36_000)));
    }

    /** Three songs of this run on the content board: 青花瓷 first, 稻香 second, an uncatalogued id third. */
    private String[] threeRanked(Period day) {
        String a = "srch-a-" + day.id();
        String b = "srch-b-" + day.id();
        String c = "srch-UNCAT-" + day.id();
        catalog.save(List.of(
                new CatalogEntity(a, EntityType.CONTENT, "青花瓷 彩铃版", null, null, null, null, null, null),
                new CatalogEntity(b, EntityType.CONTENT, "稻香 Rice Field", null, null, null, null, null, null)));
        ranking.apply(List.of(new ScoreUpdate(a, EntityType.CONTENT, day.id(), 30, "standard", 1, null, 0, "now"),
                new ScoreUpdate(b, EntityType.CONTENT, day.id(), 20, "standard", 1, null, 0, "now"),
                new ScoreUpdate(c, EntityType.CONTENT, day.id(), 10, "standard", 1, null, 0, "now")));
        return new String[] { a, b, c };
    }

    private static String search(Period day) {
        return "/v1/boards/content-heat/periods/" + day.id() + "/search";
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void aChineseNameFindsItsEntryWithRankAndMovement() {
        Period day = freshDay();
        String[] ids = threeRanked(day);
        given().queryParam("q", "稻香").when().get(search(day)).then().statusCode(200)
                .body("boardId", equalTo("content-heat")).body("period", equalTo(day.id()))
                .body("query", equalTo("稻香")).body("total", equalTo(1))
                .body("entries[0].entityId", equalTo(ids[1])).body("entries[0].rank", equalTo(2))
                .body("entries[0].movement", equalTo("NEW")).body("entries[0].name", equalTo("稻香 Rice Field"));
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void anIdOrAnEnglishNameMatchesCaseInsensitivelyInRankOrder() {
        Period day = freshDay();
        String[] ids = threeRanked(day);
        given().queryParam("q", "srch-uncat").when().get(search(day)).then().statusCode(200)
                .body("total", equalTo(1)).body("entries.entityId", contains(ids[2]))
                .body("entries[0].rank", equalTo(3));
        given().queryParam("q", "RICE").when().get(search(day)).then().statusCode(200)
                .body("entries.entityId", contains(ids[1]));
        given().queryParam("q", "SRCH-").queryParam("limit", 2).when().get(search(day)).then().statusCode(200)
                .body("total", equalTo(3)).body("entries.entityId", contains(ids[0], ids[1]));
    }

    @Test
    @TestSecurity(user = "advertiser", roles = "advertiser")
    void aBlankOrTooLongQueryIsA400Problem() {
        Period day = freshDay();
        for (String q : List.of("  ", "x".repeat(101))) {
            given().queryParam("q", q).when().get(search(day)).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://caimei.io/problems/bad-search"));
        }
        given().when().get(search(day)).then().statusCode(400)
                .body("type", equalTo("https://caimei.io/problems/bad-search"));
        given().queryParam("q", "a").queryParam("limit", 51).when().get(search(day)).then().statusCode(400)
                .body("type", equalTo("https://caimei.io/problems/bad-paging"));
    }

    private void campaigns() {
        catalog.save(List.of(
                new CatalogEntity("mine-brand-2", EntityType.CAMPAIGN, "春季品牌彩铃", null, CampaignCategory.BRAND,
                        "adv-mine", null, null, null),
                new CatalogEntity("mine-brand-1", EntityType.CAMPAIGN, "Summer, \"hot\"", null,
                        CampaignCategory.MUSIC, "adv-mine", null, null, null),
                new CatalogEntity("mine-other", EntityType.CAMPAIGN, "Other", null, CampaignCategory.TOURISM,
                        "adv-other", null, null, null)));
    }

    @Test
    @TestSecurity(user = "brand", roles = "advertiser")
    @OidcSecurity(claims = @Claim(key = "advertiser_id", value = "adv-mine"))
    void anAdvertiserGetsItsOwnCampaignsOnly() {
        campaigns();
        given().when().get("/v1/catalog/mine").then().statusCode(200)
                .body("entityId", contains("mine-brand-1", "mine-brand-2"))
                .body("name", contains("Summer, \"hot\"", "春季品牌彩铃"))
                .body("type", contains("CAMPAIGN", "CAMPAIGN"));
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void anAnalystWithoutTheClaimGetsAnEmptyList() {
        campaigns();
        given().when().get("/v1/catalog/mine").then().statusCode(200).body("$", empty());
    }

    @Test
    @TestSecurity(user = "ingest", roles = "ingest")
    void aServiceRoleMayNotAsk() {
        given().when().get("/v1/catalog/mine").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }
}
