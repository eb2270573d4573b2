package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Boards as a user reads them: ties, movement across closed weeks, frozen history, the music board's top
 * contributor, and which entities each of the eight boards ranks. Each test owns its own year.
 */
@ExtendWith(Stack.class)
class RankingBoardsTest {

    /** {@code n} internet plays (E5) on a content at a time; distinct event ids per call. */
    private static List<Map<String, Object>> plays(String tag, String entity, String at, int n) {
        return Api.repeat(tag + "-" + entity, n, "MIGU_APP", "E5", "CONTENT", entity, at, 1_000_000);
    }


    /** The board holds exactly these entities with the scores of all their plays counted. */
    static java.util.function.Predicate<Response> counted(Map<String, Integer> plays) {
        return r -> {
            List<Map<String, Object>> entries = r.jsonPath().getList("entries");
            if (r.jsonPath().getInt("total") != plays.size() || entries.size() != plays.size()) {
                return false;
            }
            for (Map<String, Object> e : entries) {
                Integer n = plays.get((String) e.get("entityId"));
                if (n == null || Math.abs(((Number) e.get("score")).doubleValue() - Expected.playsIndex(n)) > 1e-9) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Map<String, Object> content(String id, String name) {
        return Map.of("id", id, "type", "CONTENT", "name", name);
    }

    @Test
    void tiedScoresShareACompetitionRankListedByEntityIdEvenAcrossPageBoundaries() throws Exception {
        String at = "2021-03-01T10:00:00+08:00";
        List<Map<String, Object>> events = new ArrayList<>();
        events.addAll(plays("tie", "tie-a", at, 90));
        events.addAll(plays("tie", "tie-c", at, 80));
        events.addAll(plays("tie", "tie-b", at, 80));
        events.addAll(plays("tie", "tie-d", at, 70));
        Api.postAll(events);
        Api.awaitBoard("content-heat", "2021-03-01", 10, counted(Map.of("tie-a", 90, "tie-b", 80, "tie-c", 80,
                "tie-d", 70)), Duration.ofSeconds(60));

        JsonPath first = Api.board("analyst", "content-heat", "2021-03-01", 0, 2).then().statusCode(200)
                .extract().jsonPath();
        JsonPath second = Api.board("analyst", "content-heat", "2021-03-01", 2, 2).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("tie-a", "tie-b"), first.getList("entries.entityId"));
        assertEquals(List.of(1, 2), first.getList("entries.rank"));
        assertEquals(List.of("tie-c", "tie-d"), second.getList("entries.entityId"));
        assertEquals(List.of(2, 4), second.getList("entries.rank"), "the tie split across pages keeps rank 2");
        assertEquals(first.getDouble("entries[1].score"), second.getDouble("entries[0].score"));
        assertEquals(4, second.getInt("total"));
    }

    @Test
    void aroundMeShowsTheEntityWithItsNeighboursAndAnUnrankedEntityIs404() throws Exception {
        String at = "2021-04-01T10:00:00+08:00";
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            events.addAll(plays("near", "near-" + i, at, 10 * i));
        }
        Api.postAll(events);
        Map<String, Integer> near = new java.util.HashMap<>();
        for (int i = 1; i <= 9; i++) {
            near.put("near-" + i, 10 * i);
        }
        Api.awaitBoard("content-heat", "2021-04-01", 20, counted(near), Duration.ofSeconds(60));
        JsonPath around = given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .queryParam("around", 2).get("/api/v1/boards/content-heat/periods/2021-04-01/entities/near-5")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("near-7", "near-6", "near-5", "near-4", "near-3"), around.getList("entries.entityId"));
        assertEquals(List.of(3, 4, 5, 6, 7), around.getList("entries.rank"));
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .get("/api/v1/boards/content-heat/periods/2021-04-01/entities/nobody").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void movementPeakAndPeriodsOnBoardFollowThreeClosedWeeks() throws Exception {
        // week → plays per entity; more plays, better rank
        Map<String, Map<String, Integer>> weeks = new java.util.LinkedHashMap<>();
        weeks.put("2022-03-07T12:00:00+08:00", Map.of("mv-a", 90, "mv-b", 80, "mv-c", 70, "mv-d", 60));
        weeks.put("2022-03-14T12:00:00+08:00", Map.of("mv-b", 90, "mv-a", 80, "mv-c", 70));
        weeks.put("2022-03-21T12:00:00+08:00", Map.of("mv-b", 90, "mv-a", 80, "mv-d", 70, "mv-e", 60));
        weeks.put("2022-03-28T12:00:00+08:00", Map.of("mv-a", 95, "mv-b", 85, "mv-d", 70, "mv-c", 65, "mv-e", 50,
                "mv-f", 40));
        List<String> ids = List.of("2022-W10", "2022-W11", "2022-W12", "2022-W13");
        int w = 0;
        for (var week : weeks.entrySet()) {
            List<Map<String, Object>> events = new ArrayList<>();
            week.getValue().forEach((entity, n) -> events.addAll(plays("w" + ids.get(0), entity + "-" + week.getKey()
                    .substring(0, 10), week.getKey(), n).stream().map(e -> retarget(e, entity)).toList()));
            Api.postAll(events);
            // every play must be counted before the week closes, or the late ones would stay out of it
            Api.awaitBoard("content-heat", ids.get(w), 20, counted(week.getValue()), Duration.ofSeconds(60));
            if (w < 3) {
                Api.close(ids.get(w), "content-heat");
            }
            w++;
        }
        JsonPath w12 = Api.board("analyst", "content-heat", "2022-W12", 0, 20).then().statusCode(200).extract()
                .jsonPath();
        assertEquals(true, w12.getBoolean("closed"));
        assertEquals(List.of("SAME", "SAME", "RE_ENTRY", "NEW"), w12.getList("entries.movement"));

        JsonPath w13 = Api.awaitBoard("content-heat", "2022-W13", 20, r -> r.jsonPath().getInt("total") == 6,
                Duration.ofSeconds(60)).jsonPath();
        assertEquals(List.of("mv-a", "mv-b", "mv-d", "mv-c", "mv-e", "mv-f"), w13.getList("entries.entityId"));
        assertEquals(List.of("UP 1", "DOWN 1", "SAME", "RE_ENTRY", "DOWN 1", "NEW"), w13.getList("entries.movement"));
        assertEquals(List.of(2, 1, 3), w13.getList("entries.previousRank").subList(0, 3));
        assertNull(w13.get("entries[3].previousRank"));
        // peak and periods on board include the current week (every entry is within the shown top 20)
        assertEquals(List.of(1, 1, 3, 3, 4, 6), w13.getList("entries.peakRank"));
        assertEquals(List.of(4, 4, 3, 3, 2, 1), w13.getList("entries.periodsOnBoard"));
    }

    private static Map<String, Object> retarget(Map<String, Object> e, String entity) {
        Map<String, Object> copy = new java.util.HashMap<>(e);
        copy.put("entityId", entity);
        return copy;
    }

    @Test
    void aFrozenPeriodNeverChangesWhenLateEventsArrive() throws Exception {
        String at = "2022-08-08T09:00:00+08:00";
        Api.postAll(plays("frozen", "fz-a", at, 30));
        Api.postAll(plays("frozen", "fz-b", at, 20));
        Api.awaitBoard("content-heat", "2022-08-08", 20, counted(Map.of("fz-a", 30, "fz-b", 20)),
                Duration.ofSeconds(60));
        Api.close("2022-08-08", "content-heat");
        Response before = Api.board("analyst", "content-heat", "2022-08-08", 0, 20);
        Api.postAll(plays("late", "fz-b", at, 500));
        // the month is still open: the late plays count there, which is how we know they were processed
        Api.awaitBoard("content-heat", "2022-08", 20, r -> r.jsonPath().getList("entries.entityId").get(0)
                .equals("fz-b"), Duration.ofSeconds(60));
        Response after = Api.board("analyst", "content-heat", "2022-08-08", 0, 20);
        assertEquals(before.jsonPath().getList("entries"), after.jsonPath().getList("entries"));
        assertEquals(List.of("fz-a", "fz-b"), after.jsonPath().getList("entries.entityId"));
    }

    @Test
    void theMusicBoardShowsTheContentThatBroughtTheMostOrders() throws Exception {
        Api.putCatalog(List.of(
                Map.of("id", "mus-qhc", "type", "MUSIC", "name", "《青花瓷》 周杰伦"),
                Map.of("id", "ct-1", "type", "CONTENT", "name", "《碧水连天,烟雨漫漫》", "musicId", "mus-qhc"),
                Map.of("id", "ct-2", "type", "CONTENT", "name", "《故事里的风景》", "musicId", "mus-qhc")));
        Thread.sleep(3500); // ingest refreshes attribution links every second in the test stack
        String at = "2020-06-06T21:00:00+08:00";
        List<Map<String, Object>> events = new ArrayList<>();
        events.addAll(Api.repeat("ord-ct-1", 5, "CRBT", "E3", "CONTENT", "ct-1", at, 1000));
        events.addAll(Api.repeat("ord-ct-2", 9, "CRBT", "E3", "CONTENT", "ct-2", at, 1000));
        Api.postAll(events);
        JsonPath page = Api.awaitBoard("music-propagation", "2020-06-06", 10,
                r -> r.jsonPath().getInt("total") == 1 && Long.valueOf(9).equals(
                        r.jsonPath().getLong("entries[0].topContributorOrders")), Duration.ofSeconds(60)).jsonPath();
        assertEquals("mus-qhc", page.getString("entries[0].entityId"));
        assertEquals("ct-2", page.getString("entries[0].topContributor"));
        assertEquals("《故事里的风景》", page.getString("entries[0].topContributorName"));
        assertEquals(14L, Api.explanation("mus-qhc", "2020-06-06").getLong("raw.E3"));
    }

    @Test
    void eachOfTheEightBoardsRanksOnlyItsOwnEntityTypeKindAndCategory() throws Exception {
        Api.putCatalog(List.of(
                Map.of("id", "eb-content", "type", "CONTENT", "name", "内容"),
                Map.of("id", "eb-music", "type", "MUSIC", "name", "音乐"),
                Map.of("id", "eb-sub", "type", "ACCOUNT", "kind", "SUBSCRIPTION", "name", "订阅号"),
                Map.of("id", "eb-shicai", "type", "ACCOUNT", "kind", "SHICAI", "name", "视彩号"),
                Map.of("id", "eb-ai", "type", "AI_APP", "name", "AI应用"),
                Map.of("id", "eb-brand", "type", "CAMPAIGN", "category", "BRAND", "owner", "adv-brand", "name", "品牌"),
                Map.of("id", "eb-musiccamp", "type", "CAMPAIGN", "category", "MUSIC", "owner", "adv-brand",
                        "name", "音乐宣发"),
                Map.of("id", "eb-tour", "type", "CAMPAIGN", "category", "TOURISM", "owner", "adv-tourism",
                        "name", "文旅")));
        Thread.sleep(1500);
        String at = "2019-05-05T12:00:00+08:00";
        Map<String, String> typeOf = Map.of("eb-content", "CONTENT", "eb-music", "MUSIC", "eb-sub", "ACCOUNT",
                "eb-shicai", "ACCOUNT", "eb-ai", "AI_APP", "eb-brand", "CAMPAIGN", "eb-musiccamp", "CAMPAIGN",
                "eb-tour", "CAMPAIGN");
        List<Map<String, Object>> events = new ArrayList<>();
        typeOf.forEach((id, type) -> events.add(Api.event("eb-" + id, "MIGU_APP", "E5", type, id, at, "viewer-1")));
        Api.postAll(events);
        Map<String, String> boardEntity = Map.of("content-heat", "eb-content", "music-propagation", "eb-music",
                "subscription-accounts", "eb-sub", "shicai-accounts", "eb-shicai", "ai-apps", "eb-ai",
                "brand-promotion", "eb-brand", "music-promotion", "eb-musiccamp", "tourism-promotion", "eb-tour");
        for (var e : boardEntity.entrySet()) {
            JsonPath page = Api.awaitBoard(e.getKey(), "2019-05-05", 20, r -> r.jsonPath().getInt("total") >= 1,
                    Duration.ofSeconds(60)).jsonPath();
            assertEquals(List.of(e.getValue()), page.getList("entries.entityId"), e.getKey());
        }
    }
}
