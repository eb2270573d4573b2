package io.caimei.scoring.outage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.caimei.common.testing.Eventually;
import io.caimei.common.testing.OwnPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/** With PostgreSQL away, the weight-profile list answers 503 problem+json with Retry-After quickly, and recovers. */
@QuarkusTest
@TestProfile(OutageProfile.class)
@TestSecurity(user = "analyst", roles = "analyst")
class PostgresOutageTest {

    @Test
    void theProfileListAnswers503WithRetryAfterWhilePostgresIsAwayAndServesAgainOnceItIsBack() {
        given().when().get("/v1/weight-profiles").then().statusCode(200);

        OwnPostgres.stopServer();
        try {
            given().when().get("/v1/weight-profiles").then()
                    .statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("https://caimei.io/problems/dependency-unavailable"))
                    .body("detail", startsWith("PostgreSQL is not reachable"))
                    .time(lessThan(10L), TimeUnit.SECONDS);
        } finally {
            OwnPostgres.startServer();
        }

        // the pool reconnects on its own; the first request after the restart may still meet a dead connection
        Eventually.within(Duration.ofSeconds(20),
                () -> given().when().get("/v1/weight-profiles").then().statusCode(200));
    }
}
