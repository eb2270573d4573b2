package io.caimei.gateway.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * The backend guards take their values from configuration: with the ranking read's timeout set to 500 ms and one
 * retry, a ranking that needs 2 s is given up on after two tries and the caller gets a 503 it may retry; a scoring
 * read keeps the configured global 5 s timeout (not the annotation's bare 1 s default) and is answered.
 */
@QuarkusTest
@TestProfile(ConfiguredGuardsProfile.class)
@TestSecurity(user = "analyst", roles = "analyst")
class ConfiguredGuardsTest {

    @Test
    void aConfiguredTimeoutAndRetryCountDecideWhenASlowBackendIsGivenUp() {
        SlowBackend.REQUESTS.set(0);
        given().when().get("/api/v1/catalog/entities/song-1").then()
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://caimei.io/problems/backend-unavailable"))
                .time(lessThan(1_900L), TimeUnit.MILLISECONDS);
        assertEquals(2, SlowBackend.REQUESTS.get(), "one try and one configured retry");
    }

    @Test
    void aReadWithoutItsOwnSettingsWaitsTheGlobalFiveSeconds() {
        given().when().get("/api/v1/entities/song-1/periods/2024-05/explanation").then()
                .statusCode(200)
                .body("id", equalTo("song-1"));
    }
}
