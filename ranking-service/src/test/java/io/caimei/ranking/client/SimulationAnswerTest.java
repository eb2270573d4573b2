package io.caimei.ranking.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.events.EntityType;
import io.caimei.events.Period;
import io.caimei.events.PeriodKind;
import io.caimei.events.ScoreUpdate;
import io.caimei.ranking.service.RankingService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * A simulation's answer names the weights behind it, as scoring used them ({@link FakeScoring} stands in): all 19,
 * printed as the decimals entered, the codes the analyst gave, and the profile that filled the rest. The analyst's
 * weights reach scoring as they were written, so scoring's own 400 names a weight that is no number.
 */
@QuarkusTest
@TestProfile(WhatIfBreakerTest.WithFakeScoring.class)
@TestSecurity(user = "analyst", roles = "analyst")
class SimulationAnswerTest {

    @Inject
    RankingService ranking;

    /** A day in the 1700s no other run uses. */
    private static Period freshDay() {
        return new Period(PeriodKind.DAY,
                LocalDate.of(1700, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(36_000)));
    }

    private static String simulate(Period day) {
        return "/v1/boards/content-heat/periods/" + day.id() + "/simulate";
    }

    private Period rankTwo() {
        Period day = freshDay();
        ranking.apply(List.of(update("sim-a-" + day.id(), day, 42.0), update("sim-b-" + day.id(), day, 7.0)));
        return day;
    }

    private static ScoreUpdate update(String id, Period day, double index) {
        return new ScoreUpdate(id, EntityType.CONTENT, day.id(), index, "standard", 1, null, 0, "now");
    }

    @Test
    void theAnswerNamesEveryWeightUsedTheCodesGivenAndTheProfileThatFilledTheRest() {
        Period day = rankTwo();
        String body = given().contentType("application/json").body("{\"weights\":{\"E1\":0.3,\"E2\":0.7},\"limit\":5}")
                .when().post(simulate(day)).then().statusCode(200)
                .body("boardId", equalTo("content-heat"))
                .body("profile", equalTo("standard"))
                .body("profileVersion", equalTo(1))
                .body("given", equalTo(List.of("E1", "E2")))
                .body("weights.size()", equalTo(19))
                .body("total", equalTo(2))
                .body("entries.entityId", equalTo(List.of("sim-a-" + day.id(), "sim-b-" + day.id())))
                .body("entries.movement", equalTo(List.of("SAME", "SAME")))
                .extract().asString();
        // 0.3 prints 0.3: the decimals entered, never a binary double's 0.30000000000000004
        assertTrue(body.contains("\"E1\":0.3,\"E2\":0.7,\"E3\":0.7,"), body);
        assertTrue(body.contains("\"C1\":0.5,\"C2\":0.5,"), body);
        String sent = FakeScoring.LAST_BODY.get();
        assertTrue(sent.contains("\"E1\":0.3,\"E2\":0.7"), "scoring got the weights as entered: " + sent);
        assertTrue(sent.contains("\"boardId\":\"content-heat\""), "scoring is told whose profile fills the rest: "
                + sent);
    }

    @Test
    void aWeightWithMoreDigitsThanADoubleHoldsReachesScoringAndComesBackAsEntered() {
        Period day = rankTwo();
        String e1 = "0.12345678901234567891";
        String e2 = "0.87654321098765432109";
        String body = given().contentType("application/json")
                .body("{\"weights\":{\"E1\":" + e1 + ",\"E2\":" + e2 + "}}").when().post(simulate(day)).then()
                .statusCode(200).extract().asString();
        assertTrue(FakeScoring.LAST_BODY.get().contains("\"E1\":" + e1 + ",\"E2\":" + e2),
                FakeScoring.LAST_BODY.get());
        assertTrue(body.contains("\"E1\":" + e1 + ",\"E2\":" + e2 + ","), body);
    }

    @Test
    void aWeightThatIsNoNumberIsScoringsBadProfileNamingTheCode() {
        Period day = rankTwo();
        int before = FakeScoring.REQUESTS.get();
        given().contentType("application/json").body(Map.of("weights", Map.of("E7", "0.2"))).when()
                .post(simulate(day)).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/bad-profile"))
                .body("detail", equalTo("E7: weight must be a number, got a string"));
        assertEquals(1, FakeScoring.REQUESTS.get() - before, "the weights went to scoring, which owns the rules");
    }

    @Test
    void aPeriodWithNothingRankedStillNamesTheWeightsItWouldUse() {
        given().contentType("application/json").body("{\"weights\":{\"D1\":0.55,\"D2\":0.45}}").when()
                .post(simulate(freshDay())).then().statusCode(200)
                .body("total", equalTo(0))
                .body("entries.size()", equalTo(0))
                .body("given", equalTo(List.of("D1", "D2")))
                .body(containsString("\"D1\":0.55,\"D2\":0.45,"));
    }
}
