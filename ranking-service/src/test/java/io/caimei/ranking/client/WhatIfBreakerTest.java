package io.caimei.ranking.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.events.EntityType;
import io.caimei.events.ScoreUpdate;
import io.caimei.ranking.service.RankingService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/** One caller's bad weights are that caller's 400; they never open the breaker for everyone else's what-ifs. */
@QuarkusTest
@TestProfile(WhatIfBreakerTest.WithFakeScoring.class)
@TestSecurity(user = "analyst", roles = "analyst")
class WhatIfBreakerTest {

    /** The service with what-if scoring replaced by {@link FakeScoring}. */
    public static class WithFakeScoring implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeScoring.class));
        }
    }

    @Inject
    RankingService ranking;

    @Test
    void tenRejectedSimulationsLeaveTheNextValidOneAnswered() {
        String day = "2009-05-" + String.format("%02d", 1 + ThreadLocalRandom.current().nextInt(28));
        String id = "whatif-" + ThreadLocalRandom.current().nextInt(1_000_000);
        ranking.apply(List.of(new ScoreUpdate(id, EntityType.CONTENT, day, 42.0, "standard", 1, null, 0, "now")));
        String path = "/v1/boards/content-heat/periods/" + day + "/simulate";
        int before = FakeScoring.REQUESTS.get();
        for (int i = 0; i < 10; i++) {
            given().contentType("application/json").body(Map.of("weights", Map.of("C1", 5.0))).when().post(path)
                    .then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://caimei.io/problems/bad-profile"))
                    .body("detail", equalTo("C1 must be between 0 and 1"));
        }
        assertEquals(10, FakeScoring.REQUESTS.get() - before, "each bad request reached scoring once: no retries");
        given().contentType("application/json").body(Map.of("weights", Map.of("C1", 0.5))).when().post(path)
                .then().statusCode(200).body("boardId", equalTo("content-heat"));
    }
}
