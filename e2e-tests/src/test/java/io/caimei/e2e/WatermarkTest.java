package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.caimei.events.Channel;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Periods close by event time: a scorer and a ranking service of their own (2 h allowed lateness) read events
 * written straight to Kafka in time order, so the watermark moves exactly as the test says. Year 2015.
 */
class WatermarkTest {

    private static OwnScoring own;

    @BeforeAll
    static void startOwnScorerAndRanking() throws Exception {
        own = new OwnScoring("wm", 18092, 18093, List.of("-Dcaimei.scoring.allowed-lateness=PT2H"));
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        }
    }

    private static void plays(String entity, String at, int n) throws Exception {
        own.send(Channel.MIGU_APP, "E5", entity, at, n);
    }

    private static Response board(String period) {
        return own.board(period);
    }

    private static JsonPath await(String period, Predicate<JsonPath> until) throws InterruptedException {
        return own.await(period, until);
    }

    @Test
    void aDayClosesOnceTheWatermarkPassesItsEndAndLateEventsCountOnlyInOpenPeriods() throws Exception {
        plays("wm-a", "2015-03-02T10:00:00+08:00", 5);
        await("2015-03-02", j -> j.getInt("total") == 1 && !j.getBoolean("closed"));
        // 01:30 minus 2 h lateness is still before midnight: the day stays open
        plays("wm-b", "2015-03-03T01:30:00+08:00", 1);
        Thread.sleep(2500);
        assertEquals(false, board("2015-03-02").jsonPath().getBoolean("closed"));
        // 02:30 minus 2 h is past midnight: the day closes and its board freezes
        plays("wm-b", "2015-03-03T02:30:00+08:00", 1);
        JsonPath frozen = await("2015-03-02", j -> j.getBoolean("closed"));
        assertEquals(List.of("wm-a"), frozen.getList("entries.entityId"));
        assertEquals(Expected.playsIndex(5), frozen.getDouble("entries[0].score"), 1e-9);

        // a late play for the closed day still counts in its open week, month and year
        plays("wm-a", "2015-03-02T23:00:00+08:00", 1);
        await("2015-W10", j -> Math.abs(j.getDouble("entries[0].score") - Expected.playsIndex(6)) < 1e-9);
        assertEquals(frozen.getList("entries"), board("2015-03-02").jsonPath().getList("entries"));
        // and is recorded as LATE for the closed one
        String dlq = Pii.kafka(own.topics + "caimei.events.dlq.v1");
        assertTrue(dlq.contains("\"reason\":\"LATE\"") && dlq.contains("\"period\":\"2015-03-02\""), dlq);

        // rebuilding from Kafka alone reproduces every count, the late play still outside the closed day
        Map<String, Long> before = new LinkedHashMap<>();
        for (String period : List.of("2015-03-02", "2015-03-03", "2015-W10", "2015-03", "2015")) {
            for (String entity : List.of("wm-a", "wm-b")) {
                JsonPath e = explanation(entity, period);
                if (e != null) {
                    before.put(entity + " " + period, e.getLong("raw.E5"));
                }
            }
        }
        assertEquals(5L, before.get("wm-a 2015-03-02"));
        assertEquals(6L, before.get("wm-a 2015-W10"));
        given().baseUri("http://127.0.0.1:" + own.scoring).auth().oauth2(Tokens.user("admin")).post("/v1/admin/rebuild")
                .then().statusCode(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Long> after = new LinkedHashMap<>();
        while (System.nanoTime() < deadline && !after.equals(before)) {
            Thread.sleep(500);
            after.clear();
            for (String key : before.keySet()) {
                JsonPath e = explanation(key.split(" ")[0], key.split(" ")[1]);
                if (e != null) {
                    after.put(key, e.getLong("raw.E5"));
                }
            }
        }
        assertEquals(before, after);
    }

    private static JsonPath explanation(String entity, String period) {
        return own.explanation(entity, period);
    }
}
