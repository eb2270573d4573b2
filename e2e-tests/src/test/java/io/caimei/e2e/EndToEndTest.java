package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** One event path end to end: gateway → ingest → Kafka → scoring → Kafka → ranking → gateway. */
@ExtendWith(Stack.class)
class EndToEndTest {

    private static final String AT = "2024-02-14T20:15:00+08:00";

    private static List<Map<String, Object>> eventsFor(String entity, Map<String, Integer> counts, int e1Users) {
        List<Map<String, Object>> out = new ArrayList<>();
        counts.forEach((indicator, n) -> {
            String channel = switch (indicator) {
                case "E1", "E3", "E4" -> "CRBT";
                default -> "MIGU_APP";
            };
            out.addAll(Api.repeat(entity + "-" + indicator, n, channel, indicator, "CONTENT", entity, AT,
                    indicator.equals("E1") ? e1Users : 1_000_000));
        });
        return out;
    }

    @Test
    void threeContentsPostedThroughTheGatewayAppearOnTheDayWeekMonthAndYearBoardsInOrderWithExactScores()
            throws Exception {
        String a = "e2e-worked-example";
        String b = "e2e-middle";
        String c = "e2e-small";
        Api.putCatalog(List.of(
                Map.of("id", a, "type", "CONTENT", "name", "《碧水连天,烟雨漫漫》"),
                Map.of("id", b, "type", "CONTENT", "name", "《故事里的风景》"),
                Map.of("id", c, "type", "CONTENT", "name", "《夜空之星》")));
        List<Map<String, Object>> events = new ArrayList<>();
        // the design's worked example; users viewer-0..399 make the HyperLogLog count exactly 400
        events.addAll(eventsFor(a, Map.of("E1", 1000, "E3", 50, "E4", 10, "E5", 2000, "E6", 300, "E7", 120,
                "E8", 40, "E9", 60, "E10", 25), 400));
        events.addAll(eventsFor(b, Map.of("E1", 200, "E3", 5, "E5", 500, "E6", 50), 100));
        events.addAll(eventsFor(c, Map.of("E1", 30, "E5", 3000, "E7", 10), 10));
        java.util.Collections.shuffle(events, new java.util.Random(7));
        Api.postAll(events);

        for (String period : List.of("2024-02-14", "2024-W07", "2024-02", "2024")) {
            // all three final scores: each entity's last update travels on its own partition, so one may still be
            // on its way when the other two are in
            Response page = Api.awaitBoard("content-heat", period, 20,
                    r -> r.jsonPath().getInt("total") == 3 && Math.abs(r.jsonPath().getDouble("entries[0].score")
                            - 210.1421) < 5e-5 && Math.abs(r.jsonPath().getDouble("entries[1].score") - 73.25495) < 1e-5
                            && Math.abs(r.jsonPath().getDouble("entries[2].score") - 40.94374) < 1e-5,
                    Duration.ofSeconds(60));
            assertEquals(List.of(a, b, c), page.jsonPath().getList("entries.entityId"), period);
            assertEquals(List.of(1, 2, 3), page.jsonPath().getList("entries.rank"), period);
            assertEquals(210.1421, page.jsonPath().getDouble("entries[0].score"), 5e-5, period);
            assertEquals(73.25495, page.jsonPath().getDouble("entries[1].score"), 1e-5, period);
            assertEquals(40.94374, page.jsonPath().getDouble("entries[2].score"), 1e-5, period);
            assertEquals("《碧水连天,烟雨漫漫》", page.jsonPath().getString("entries[0].name"), period);
            assertEquals("NEW", page.jsonPath().getString("entries[0].movement"), period);
        }
    }

    @Test
    void postingEventsWithoutATokenIsRejectedWith401ProblemJson() {
        given().baseUri(Stack.gateway()).contentType(ContentType.JSON).body("[]").post("/api/v1/events")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void readingABoardWithoutATokenIsRejectedWith401ProblemJson() {
        given().baseUri(Stack.gateway()).get("/api/v1/boards/content-heat/periods/2024-02-14")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anAdvertiserCannotPostEvents() {
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("brand-advertiser")).contentType(ContentType.JSON)
                .body(List.of(Api.event("x-1", "MIGU_APP", "E5", "CONTENT", "e2e-x", AT, "viewer-1")))
                .post("/api/v1/events").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anAdvertiserCanReadBoards() {
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("brand-advertiser"))
                .get("/api/v1/boards").then().statusCode(200);
    }
}
