package io.caimei.ranking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.events.BoardCatalog;
import io.caimei.events.EntityType;
import io.caimei.events.Period;
import io.caimei.events.PeriodKind;
import io.caimei.events.ScoreUpdate;
import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.service.CatalogService;
import io.caimei.ranking.service.FreezeService;
import io.caimei.ranking.service.RankingService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;

/** A board page by content negotiation: JSON by default, CSV for Accept: text/csv (a page or a whole period). */
@QuarkusTest
@TestSecurity(user = "analyst", roles = "analyst")
class BoardExportTest {

    private static final String BOM = "\uFEFF";
    private static final String HEADER = "rank,entityId,name,score,movement,previousRank,peakRank,periodsOnBoard";

    @Inject
    RankingService ranking;

    @Inject
    FreezeService freezer;

    @Inject
    CatalogService catalog;

    /** A day in the 1800s no other run uses. */
    private static Period freshDay() {
        return new Period(PeriodKind.DAY,
                LocalDate.of(1800, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(36_000)));
    }

    private void score(Period p, EntityType type, String id, double index, String top, long orders) {
        ranking.apply(List.of(new ScoreUpdate(id, type, p.id(), index, "standard", 1, top, orders, "now")));
    }

    private static String path(String board, Period p) {
        return "/v1/boards/" + board + "/periods/" + p.id();
    }

    @Test
    void aPageAsCsvIsBomHeaderQuotedNamesAndScoresWithFourDecimals() {
        Period day = freshDay();
        String quoted = "csv-q-" + day.id();
        String chinese = "csv-c-" + day.id();
        catalog.save(List.of(
                new CatalogEntity(quoted, EntityType.CONTENT, "Hello, \"World\"", null, null, null, null, null, null),
                new CatalogEntity(chinese, EntityType.CONTENT, "青花瓷", null, null, null, null, null, null)));
        score(day, EntityType.CONTENT, quoted, 12.3, null, 0);
        score(day, EntityType.CONTENT, chinese, 7.123456, null, 0);
        Response r = given().accept("text/csv").when().get(path("content-heat", day));
        r.then().statusCode(200).header("Content-Type", equalTo("text/csv; charset=UTF-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"content-heat-" + day.id() + ".csv\""))
                .header("Vary", containsString("Accept"));
        String expected = BOM + HEADER + "\r\n"
                + "1," + quoted + ",\"Hello, \"\"World\"\"\",12.3000,NEW,,1,1\r\n"
                + "2," + chinese + ",青花瓷,7.1235,NEW,,2,1\r\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), r.asByteArray());
        assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
                java.util.Arrays.copyOf(r.asByteArray(), 3), "starts with the UTF-8 BOM");
    }

    @Test
    void aNameOrIdThatASpreadsheetWouldRunAsAFormulaIsPrefixedWithAQuote() {
        Period day = freshDay();
        String link = "csv-f-" + day.id();
        String plus = "csv-plus-" + day.id();
        String minus = "-csv-m-" + day.id();
        catalog.save(List.of(
                new CatalogEntity(link, EntityType.CONTENT, "=HYPERLINK(\"x\")", null, null, null, null, null, null),
                new CatalogEntity(plus, EntityType.CONTENT, "+1 彩铃", null, null, null, null, null, null)));
        score(day, EntityType.CONTENT, link, 30, null, 0);
        score(day, EntityType.CONTENT, plus, 20, null, 0);
        // uncatalogued: its id is its name too
        score(day, EntityType.CONTENT, minus, 10, null, 0);
        String body = given().accept("text/csv").when().get(path("content-heat", day)).then().statusCode(200)
                .extract().asString();
        assertEquals(BOM + HEADER + "\r\n"
                + "1," + link + ",\"'=HYPERLINK(\"\"x\"\")\",30.0000,NEW,,1,1\r\n"
                + "2," + plus + ",'+1 彩铃,20.0000,NEW,,2,1\r\n"
                + "3,'" + minus + ",'" + minus + ",10.0000,NEW,,3,1\r\n", body);
    }

    @Test
    void aCsvPageFollowsOffsetAndLimitLikeJson() {
        Period day = freshDay();
        for (int i = 0; i < 5; i++) {
            score(day, EntityType.CONTENT, "csv-p" + i + "-" + day.id(), 50 - i, null, 0);
        }
        String body = given().accept("text/csv").queryParam("offset", 2).queryParam("limit", 2).when()
                .get(path("content-heat", day)).then().statusCode(200).extract().asString();
        List<String> lines = body.lines().toList();
        assertEquals(3, lines.size());
        assertEquals(List.of("3", "4"), lines.subList(1, 3).stream().map(l -> l.split(",")[0]).toList());
        assertEquals("csv-p2-" + day.id(), lines.get(1).split(",")[1]);
    }

    @Test
    void theMusicBoardsCsvNamesTheTopContributor() {
        Period day = freshDay();
        String song = "csv-song-" + day.id();
        String content = "csv-ring-" + day.id();
        catalog.save(List.of(
                new CatalogEntity(song, EntityType.MUSIC, "稻香", null, null, null, null, null, null),
                new CatalogEntity(content, EntityType.CONTENT, "稻香 彩铃版", null, null, null, null, null, null)));
        score(day, EntityType.MUSIC, song, 3, content, 9);
        String body = given().accept("text/csv").when().get(path("music-propagation", day)).then().statusCode(200)
                .extract().asString();
        assertEquals(BOM + HEADER + ",topContributor,topContributorName\r\n"
                + "1," + song + ",稻香,3.0000,NEW,,1,1," + content + ",稻香 彩铃版\r\n", body);
    }

    private List<String> placeMany(Period day, String tag, int n) {
        List<ScoreUpdate> updates = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("%s-%05d-%s", tag, i, day.id());
            ids.add(id);
            updates.add(new ScoreUpdate(id, EntityType.CONTENT, day.id(), 10_000 - i, "standard", 1, null, 0, "now"));
        }
        ranking.apply(updates);
        return ids;
    }

    private static void assertWholePeriodInRankOrder(String body, List<String> ids) {
        List<String> lines = body.lines().toList();
        assertEquals(BOM + HEADER, lines.get(0));
        assertEquals(ids.size() + 1, lines.size(), "every ranked entity, not one page");
        for (int i = 0; i < ids.size(); i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(Integer.toString(i + 1), f[0]);
            assertEquals(ids.get(i), f[1]);
        }
    }

    @Test
    void allTrueExportsEveryEntityOfAnOpenPeriodAcrossChunks() {
        Period day = freshDay();
        List<String> ids = placeMany(day, "csv-open", 2_345);
        Response r = given().accept("text/csv").queryParam("all", true).when().get(path("content-heat", day));
        r.then().statusCode(200).header("Content-Type", equalTo("text/csv; charset=UTF-8"))
                .header("Cache-Control", equalTo("no-cache"));
        assertWholePeriodInRankOrder(r.asString(), ids);
    }

    @Test
    void allTrueExportsEveryEntityOfAClosedPeriodFromPostgres() {
        Period day = freshDay();
        List<String> ids = placeMany(day, "csv-closed", 1_234);
        assertEquals(1_234, freezer.freeze(BoardCatalog.get().byId("content-heat").orElseThrow(), day));
        Response r = given().accept("text/csv").queryParam("all", true).when().get(path("content-heat", day));
        r.then().statusCode(200).header("Content-Disposition", containsString("content-heat-" + day.id() + ".csv"));
        assertWholePeriodInRankOrder(r.asString(), ids);
    }

    @Test
    void jsonStaysTheDefaultWithoutAcceptAndForApplicationJson() {
        Period day = freshDay();
        score(day, EntityType.CONTENT, "csv-j-" + day.id(), 1, null, 0);
        given().when().get(path("content-heat", day)).then().statusCode(200)
                .contentType(startsWith("application/json")).body("entries[0].entityId", equalTo("csv-j-" + day.id()));
        given().accept("application/json").when().get(path("content-heat", day)).then().statusCode(200)
                .contentType(startsWith("application/json")).body("total", equalTo(1));
        given().accept("*/*").when().get(path("content-heat", day)).then().statusCode(200)
                .contentType(startsWith("application/json"));
    }

    @Test
    void acceptApplicationXmlIsA406Problem() {
        given().accept("application/xml").when().get(path("content-heat", freshDay())).then().statusCode(406)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/not-acceptable"));
    }

    @Test
    void aClosedPeriodsJsonKeepsItsETagAndA304() {
        Period day = freshDay();
        score(day, EntityType.CONTENT, "csv-e-" + day.id(), 1, null, 0);
        freezer.freeze(BoardCatalog.get().byId("content-heat").orElseThrow(), day);
        String etag = given().when().get(path("content-heat", day)).then().statusCode(200)
                .header("Cache-Control", equalTo(ClosedETag.CACHE_CONTROL)).extract().header("ETag");
        given().header("If-None-Match", etag).when().get(path("content-heat", day)).then().statusCode(304);
        given().accept("text/csv").header("If-None-Match", etag).when().get(path("content-heat", day)).then()
                .statusCode(200).contentType(startsWith("text/csv"));
    }
}
