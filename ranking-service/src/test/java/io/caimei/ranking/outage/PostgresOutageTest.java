package io.caimei.ranking.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.common.testing.Eventually;
import io.caimei.common.testing.OwnPostgres;
import io.caimei.events.Period;
import io.caimei.events.PeriodKind;
import io.caimei.ranking.repository.FrozenRepository;
import io.caimei.ranking.repository.FrozenRepository.FrozenRow;
import io.caimei.ranking.service.RankingService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/** With PostgreSQL away, a closed board read answers 503 problem+json with Retry-After quickly, and recovers. */
@QuarkusTest
@TestProfile(OutageProfile.class)
@TestSecurity(user = "analyst", roles = "analyst")
class PostgresOutageTest {

    private static final String BOARD = "content-heat";
    private static final Period PERIOD = new Period(PeriodKind.DAY, LocalDate.of(1901, 3, 4));
    private static final String PAGES = "/v1/boards/" + BOARD + "/periods/" + PERIOD.id();

    @Inject
    FrozenRepository frozen;

    @Inject
    RankingService ranking;

    @Test
    void aClosedPageAnswers503WithRetryAfterWhilePostgresIsAwayAndServesAgainOnceItIsBack() {
        frozen.freeze(BOARD, PERIOD, List.of(new FrozenRow(0, 1, "song-a", 90, null, null),
                new FrozenRow(1, 2, "song-b", 80, null, null), new FrozenRow(2, 3, "song-c", 70, null, null)));
        ranking.markFrozen(BOARD, PERIOD.id());
        given().queryParam("limit", 1).when().get(PAGES).then().statusCode(200)
                .body("entries[0].entityId", equalTo("song-a"));

        OwnPostgres.stopServer();
        try {
            Instant asked = Instant.now();
            // a page not read before, so it cannot come from memory
            given().queryParam("offset", 1).queryParam("limit", 1).when().get(PAGES).then()
                    .statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("https://caimei.io/problems/dependency-unavailable"))
                    .body("detail", startsWith("PostgreSQL is not reachable"))
                    .time(lessThan(10L), TimeUnit.SECONDS);
            given().when().get(PAGES + "/entities/song-c").then().statusCode(503)
                    .header("Retry-After", notNullValue());
            assertWithin(Duration.ofSeconds(10), asked);
        } finally {
            OwnPostgres.startServer();
        }

        // the pool reconnects on its own; the first request after the restart may still meet a dead connection
        Eventually.within(Duration.ofSeconds(20), () -> given().queryParam("offset", 1).queryParam("limit", 1).when()
                .get(PAGES).then().statusCode(200).body("entries[0].entityId", equalTo("song-b")));
    }

    private static void assertWithin(Duration limit, Instant since) {
        Duration took = Duration.between(since, Instant.now());
        if (took.compareTo(limit) > 0) {
            throw new AssertionError("the outage answers took " + took + ", more than " + limit);
        }
    }
}
