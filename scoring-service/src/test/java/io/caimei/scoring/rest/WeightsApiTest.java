package io.caimei.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.Channel;
import io.caimei.events.EntityType;
import io.caimei.events.Indicator;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.DirtyRepository;
import io.caimei.scoring.repository.ProgressRepository;
import io.caimei.scoring.service.PartitionBatch;
import io.caimei.scoring.service.ProfileRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Weights as a user sees them: a partial what-if starts from the active profile, a bad weight is a 400 naming its
 * code, decimals print as entered (0.3, never 0.30000000000000004), and the explanation labels its tree.
 */
@QuarkusTest
class WeightsApiTest {

    private static final String PERIOD = "2011-06-15";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** What binary doubles print for decimals: 0.30000000000000004, 0.19999999999999996. */
    private static final Pattern ARTEFACT = Pattern.compile("\\d\\.\\d*(0000000|9999999)\\d");

    @Inject
    AggregateRepository aggregates;

    @Inject
    ProgressRepository progress;

    @Inject
    DirtyRepository dirty;

    @Inject
    ProfileRegistry profiles;

    private String entity;

    /** A content entity with telecom and internet counts in the period, on partition 0 (tests run one partition). */
    @BeforeEach
    void countSomething() {
        entity = "wt-" + Long.toString(System.nanoTime(), 36) + ThreadLocalRandom.current().nextInt(1000);
        PartitionBatch batch = new PartitionBatch(0, aggregates.keys());
        batch.covers(progress.appliedOffset(0) + 1);
        add(batch, Channel.CRBT, Indicator.E1, 30);
        add(batch, Channel.MIGU_APP, Indicator.E5, 50);
        add(batch, Channel.MIGU_APP, Indicator.E6, 7);
        add(batch, Channel.MIGU_APP, Indicator.E11, 3);
        assertTrue(aggregates.apply(batch), "the counts are stored");
        // nothing here publishes scores: leave no dirty marks for a later re-score to send to Kafka
        dirty.clear(0, batch.dirtyMembers());
    }

    private void add(PartitionBatch batch, Channel channel, Indicator indicator, int n) {
        for (int i = 0; i < n; i++) {
            CanonicalEvent e = new CanonicalEvent(entity + "-" + indicator + "-" + i, "test", channel,
                    channel.network(), indicator, EntityType.CONTENT, entity, null, PERIOD + "T12:00:00+08:00",
                    "u-" + i, 1);
            batch.add(e, PERIOD, 1_308_110_400_000L);
        }
    }

    private Response whatIf(Map<String, ?> weights) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("period", PERIOD, "weights", weights, "entityIds", List.of(entity)))
                .post("/v1/scores/what-if");
    }

    private static JsonNode json(Response r) throws Exception {
        return JSON.readTree(r.body().asString());
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void aPartialSimulateEqualsTheFullOneWithTheActiveValuesFilledIn() throws Exception {
        Map<String, Object> full = new LinkedHashMap<>(profiles.active("standard").weights());
        full.put("D3", new BigDecimal("0.9"));
        full.put("D4", new BigDecimal("0.1"));

        Response partial = whatIf(Map.of("D3", 0.9, "D4", 0.1));
        partial.then().statusCode(200);
        Response complete = whatIf(full);
        complete.then().statusCode(200);
        Response live = whatIf(Map.of());
        live.then().statusCode(200);

        JsonNode p = json(partial);
        JsonNode c = json(complete);
        double index = p.get("scores").get(0).get("index").doubleValue();
        assertEquals(entity, p.get("scores").get(0).get("entityId").asText());
        assertEquals(c.get("scores").get(0).get("index").doubleValue(), index, 0.0, "exactly the same score");
        assertNotEquals(json(live).get("scores").get(0).get("index").doubleValue(), index,
                "the given weights changed the score");
        assertEquals("standard", p.get("profile").asText());
        assertEquals(List.of("D3", "D4"), JSON.convertValue(p.get("given"), List.class));
        assertEquals(19, p.get("weights").size(), "all 19 weights used");
        assertEquals(c.get("weights"), p.get("weights"));
        assertEquals(new BigDecimal("0.1"), p.get("weights").get("D4").decimalValue());
        assertEquals(new ArrayList<>(full.keySet()), iterate(p.get("weights")), "in tree order C, D, E");

        // ranking's route: the same scores, as the list it reads
        given().contentType(ContentType.JSON)
                .body(Map.of("period", PERIOD, "weights", Map.of("D3", 0.9, "D4", 0.1), "entityIds", List.of(entity)))
                .post("/v1/scores/simulate")
                .then().statusCode(200).body("[0].entityId", equalTo(entity));
    }

    private static List<String> iterate(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void anUnknownCodeANegativeOrANonNumericWeightIsA400ProblemNamingIt() {
        Map<String, Map<String, ?>> bad = Map.of(
                "X9: unknown node", Map.of("X9", 0.1),
                "E5: weight must be a finite non-negative number, got -0.2", Map.of("E5", -0.2),
                "E7: weight must be a number, got a string", Map.of("E7", "lots"));
        bad.forEach((detail, weights) -> whatIf(weights).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/bad-profile"))
                .body("detail", containsString(detail)));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void aPartialSetWhoseSiblingsNoLongerSumToOneIsA400NamingTheGroup() {
        whatIf(Map.of("D3", 0.9)).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/bad-profile"))
                .body("detail", containsString("C2: children [D3, D4] sum to"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void aWeightEnteredAs0point3Prints0point3InTheSimulation() {
        String body = whatIf(Map.of("D3", new BigDecimal("0.7"), "D4", new BigDecimal("0.3"))).then().statusCode(200)
                .extract().body().asString();
        assertTrue(body.contains("\"D3\":0.7,\"D4\":0.3"), body);
        assertFalse(ARTEFACT.matcher(body).find(), body);
    }

    @Test
    @TestSecurity(user = "root", roles = "admin")
    void aWeightEnteredAs0point3Prints0point3InTheProfileItsVersionsAndTheAudit() throws Exception {
        String name = "decimals-" + Long.toString(System.nanoTime(), 36);
        Map<String, Object> weights = new LinkedHashMap<>(profiles.active("standard").weights());
        weights.put("C1", new BigDecimal("0.7"));
        weights.put("C2", new BigDecimal("0.3"));
        weights.put("E5", new BigDecimal("0.1"));
        weights.put("E6", new BigDecimal("0.2"));
        weights.put("E7", new BigDecimal("0.3"));
        weights.put("E8", new BigDecimal("0.1"));
        weights.put("E9", new BigDecimal("0.1"));
        weights.put("E10", new BigDecimal("0.2"));
        String created = given().contentType(ContentType.JSON).body(Map.of("name", name, "weights", weights))
                .post("/v1/weight-profiles").then().statusCode(201).extract().body().asString();
        assertTrue(created.contains("\"C1\":0.7,\"C2\":0.3,"), created);
        assertTrue(created.contains("\"E5\":0.1,\"E6\":0.2,\"E7\":0.3,"), created);

        String all = given().get("/v1/weight-profiles").then().statusCode(200).extract().body().asString();
        assertFalse(ARTEFACT.matcher(all).find(), "no stored profile prints a binary artefact: " + all);
        JsonNode mine = null;
        for (JsonNode v : JSON.readTree(all)) {
            if (v.get("name").asText().equals(name)) {
                mine = v;
            }
        }
        assertEquals(new BigDecimal("0.3"), mine.get("weights").get("C2").decimalValue());
        assertEquals("0.3", mine.get("weights").get("C2").toString());

        // a draft of standard is audited with what it changes against the active version
        Map<String, Object> draft = new LinkedHashMap<>(profiles.active("standard").weights());
        draft.put("D3", new BigDecimal("0.8"));
        draft.put("D4", new BigDecimal("0.2"));
        given().contentType(ContentType.JSON).body(Map.of("name", "standard", "weights", draft))
                .post("/v1/weight-profiles").then().statusCode(201);
        String audit = given().get("/v1/weight-profiles/standard/audit").then().statusCode(200)
                .extract().body().asString();
        assertTrue(audit.contains("\"to\":0.2") && audit.contains("\"to\":0.8"), audit);
        assertFalse(ARTEFACT.matcher(audit).find(), audit);
    }

    @Test
    @TestSecurity(user = "root", roles = "admin")
    void aDraftWithANonNumericWeightIsA400NamingItsCode() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "standard", "weights", Map.of("E2", true)))
                .post("/v1/weight-profiles").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/bad-profile"))
                .body("detail", containsString("E2: weight must be a number, got a boolean"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void theExplanationLabelsEveryNodeAndNamesItsParent() throws Exception {
        Response r = given().get("/v1/entities/" + entity + "/periods/" + PERIOD + "/explanation");
        r.then().statusCode(200)
                .body("nodes.C1.label", equalTo("通信网因子"))
                .body("nodes.C1.labelEn", equalTo("Telecom network"))
                .body("nodes.D3.label", equalTo("传播因子"))
                .body("nodes.D3.parent", equalTo("C2"))
                .body("nodes.D1.parent", equalTo("C1"))
                .body("nodes.E5.label", equalTo("播放数"))
                .body("nodes.E5.labelEn", equalTo("Plays"))
                .body("nodes.E5.parent", equalTo("D3"))
                .body("nodes.E13.label", equalTo("创作工具付费人数"))
                .body("nodes.E13.level", equalTo("E"));
        JsonNode e = json(r);
        assertEquals(19, e.get("nodes").size());
        assertTrue(e.get("nodes").get("C2").get("parent").isNull(), "C nodes hang from the index itself");
        assertEquals(e.get("contributions").get("D3").doubleValue(),
                e.get("nodes").get("D3").get("contribution").doubleValue(), 0.0);
        assertTrue(e.get("nodes").get("E5").get("contribution").doubleValue() > 0, "plays were counted");
        assertFalse(ARTEFACT.matcher(r.body().asString()).find(), r.body().asString());
    }
}
