package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Explanations, weight profile versions, activation re-scoring and what-if simulation. Year 2017. */
@ExtendWith(Stack.class)
class ScoringProfilesTest {

    private static Map<String, Double> creationWeights(double c1) {
        Map<String, Double> w = new HashMap<>(Map.of("C1", c1, "C2", 1 - c1, "D1", 0.6, "D2", 0.4, "D3", 0.3,
                "D4", 0.7, "E1", 0.5, "E2", 0.5, "E3", 0.7, "E4", 0.3));
        w.putAll(Map.of("E5", 0.35, "E6", 0.15, "E7", 0.2, "E8", 0.1, "E9", 0.1, "E10", 0.1, "E11", 0.4, "E12",
                0.35, "E13", 0.25));
        return w;
    }

    @Test
    void anExplanationGivesRawValuesAndContributionsThatAddUpToTheIndex() throws Exception {
        String at = "2017-05-05T10:00:00+08:00";
        List<Map<String, Object>> events = new ArrayList<>();
        events.addAll(Api.repeat("ex-e1", 40, "CRBT", "E1", "CONTENT", "ex-content", at, 10));
        events.addAll(Api.repeat("ex-e5", 25, "MIGU_APP", "E5", "CONTENT", "ex-content", at, 5));
        Api.postAll(events);
        JsonPath e = Api.awaitExplanation("ex-content", "2017-05-05", j -> j.getLong("raw.E5") == 25,
                Duration.ofSeconds(60));
        assertEquals(40L, e.getLong("raw.E1"));
        assertEquals(10L, e.getLong("raw.E2"));
        assertEquals("standard", e.getString("profile"));
        double e1 = 0.5 * 0.6 * 0.5 * Math.log1p(40);
        double e2 = 0.5 * 0.6 * 0.5 * Math.log1p(10);
        double e5 = 0.5 * 0.7 * 0.35 * Math.log1p(25);
        assertEquals(e1, e.getDouble("contributions.E1"), 1e-12);
        assertEquals(e1 + e2, e.getDouble("contributions.D1"), 1e-12);
        assertEquals(e5, e.getDouble("contributions.C2"), 1e-12);
        assertEquals(e1 + e2 + e5, e.getDouble("s"), 1e-12);
        assertEquals(10 * Math.pow(e1 + e2 + e5, 2), e.getDouble("index"), 1e-9);
    }

    @Test
    void anInvalidProfileIsRejectedNamingTheOffendingPath() {
        Map<String, Double> w = creationWeights(0.2);
        w.put("E5", 0.5); // D3's children now sum to 1.15
        w.put("X9", 0.1);
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("admin")).contentType(ContentType.JSON)
                .body(Map.of("name", "creation", "weights", w)).post("/api/v1/weight-profiles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", Matchers.containsString("C2/D3"))
                .body("detail", Matchers.containsString("X9: unknown node"));
    }

    @Test
    void anAnalystMayReadProfilesButNotChangeThem() {
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst")).get("/api/v1/weight-profiles")
                .then().statusCode(200).body("name", Matchers.hasItems("standard", "creation", "promotion"));
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst")).contentType(ContentType.JSON)
                .body(Map.of("name", "creation", "weights", creationWeights(0.2))).post("/api/v1/weight-profiles")
                .then().statusCode(403);
    }

    @Test
    void activatingANewVersionRescoresOpenPeriodsWithoutReplayAndIsAudited() throws Exception {
        String at = "2017-08-08T10:00:00+08:00";
        Api.putCatalog(List.of(Map.of("id", "ai-rescore", "type", "AI_APP", "name", "一语成片")));
        List<Map<String, Object>> events = new ArrayList<>(Api.repeat("rs-e12", 30, "MIGU_APP", "E12", "AI_APP",
                "ai-rescore", at, 1000));
        events.addAll(Api.repeat("rs-e4", 20, "CRBT", "E4", "AI_APP", "ai-rescore", at, 1000));
        Api.postAll(events);
        double d4 = 0.7 * 0.35 * Math.log1p(30); // E12 under D4 (creation: D4 0.7)
        double d2 = 0.4 * 0.3 * Math.log1p(20); // E4 under D2 (D2 0.4)
        double before = 10 * Math.pow(0.2 * d2 + 0.8 * d4, 2);
        Api.awaitBoard("ai-apps", "2017-08-08", 15, r -> Math.abs(r.jsonPath().getDouble("entries[0].score")
                - before) < 1e-9, Duration.ofSeconds(60));

        int version = given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("admin"))
                .contentType(ContentType.JSON).body(Map.of("name", "creation", "weights", creationWeights(0.6)))
                .post("/api/v1/weight-profiles").then().statusCode(201).body("status", Matchers.equalTo("DRAFT"))
                .extract().path("version");
        try {
            given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("admin"))
                    .post("/api/v1/weight-profiles/creation/versions/{v}/activate", version).then().statusCode(200)
                    .body("rescored", Matchers.greaterThanOrEqualTo(4));
            double after = 10 * Math.pow(0.6 * d2 + 0.4 * d4, 2);
            Api.awaitBoard("ai-apps", "2017-08-08", 15, r -> Math.abs(r.jsonPath().getDouble("entries[0].score")
                    - after) < 1e-9, Duration.ofSeconds(30));
            List<Map<String, Object>> audit = given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                    .get("/api/v1/weight-profiles/creation/audit").then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.version == " + version + " }");
            assertEquals(List.of("CREATED", "ACTIVATED"), audit.stream().map(a -> a.get("action")).toList());
            assertEquals("admin", audit.get(1).get("actor"));
            assertTrue(((Map<?, ?>) audit.get(0).get("changes")).containsKey("C1"), "the diff names C1");
        } finally {
            // the other tests expect the seeded creation profile
            given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("admin"))
                    .post("/api/v1/weight-profiles/creation/versions/1/activate").then().statusCode(200);
        }
        Api.awaitBoard("ai-apps", "2017-08-08", 15, r -> Math.abs(r.jsonPath().getDouble("entries[0].score")
                - before) < 1e-9, Duration.ofSeconds(30));
    }

    @Test
    void simulatingACandidateProfileReranksTheBoardAndChangesNothingLive() throws Exception {
        String at = "2017-10-10T10:00:00+08:00";
        List<Map<String, Object>> events = new ArrayList<>();
        // sim-tel is strong on the telecom side, sim-net on the internet side
        events.addAll(Api.repeat("sim-tel", 300, "CRBT", "E1", "CONTENT", "sim-tel", at, 100));
        events.addAll(Api.repeat("sim-net", 400, "MIGU_APP", "E5", "CONTENT", "sim-net", at, 100));
        Api.postAll(events);
        double tel = 10 * Math.pow(0.5 * 0.6 * 0.5 * (Math.log1p(300) + Math.log1p(100)), 2);
        double net = 10 * Math.pow(0.5 * 0.7 * 0.35 * Math.log1p(400), 2);
        JsonPath live = Api.awaitBoard("content-heat", "2017-10-10", 20, r -> r.jsonPath().getInt("total") == 2
                && Math.abs(r.jsonPath().getDouble("entries[0].score") - tel) < 1e-9
                && Math.abs(r.jsonPath().getDouble("entries[1].score") - net) < 1e-9, Duration.ofSeconds(60)).jsonPath();
        assertEquals(List.of("sim-tel", "sim-net"), live.getList("entries.entityId"));

        Map<String, Double> internetHeavy = creationWeights(0.05);
        JsonPath sim = given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .contentType(ContentType.JSON).body(Map.of("weights", internetHeavy, "limit", 10))
                .post("/api/v1/boards/content-heat/periods/2017-10-10/simulate").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(List.of("sim-net", "sim-tel"), sim.getList("entries.entityId"));
        assertEquals(List.of(2, 1), sim.getList("entries.currentRank"));
        double expectedNet = 10 * Math.pow(0.95 * 0.3 * 0.35 * Math.log1p(400), 2);
        assertEquals(expectedNet, sim.getDouble("entries[0].score"), 1e-9);
        assertEquals(live.getList("entries"), Api.board("analyst", "content-heat", "2017-10-10", 0, 20).jsonPath()
                .getList("entries"));
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("brand-advertiser")).contentType(ContentType.JSON)
                .body(Map.of("weights", internetHeavy)).post("/api/v1/boards/content-heat/periods/2017-10-10/simulate")
                .then().statusCode(403);
    }
}
