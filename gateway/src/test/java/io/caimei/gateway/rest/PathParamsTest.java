package io.caimei.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/** The gateway refuses ids and periods by the platform's one rule before it asks any backend. */
@QuarkusTest
@TestSecurity(user = "analyst", roles = { "analyst", "admin" })
class PathParamsTest {

    @ParameterizedTest(name = "entity id {0} is refused")
    @ValueSource(strings = { "13800138000", "a..b", "a b" })
    void anEntityIdIngestRefusesIsRefusedWithA400Problem(String id) {
        given().when().get("/api/v1/boards/content-heat/periods/2024-05/entities/" + id).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/bad-entity-id"))
                .body("detail", not(containsString(id)));
        given().when().get("/api/v1/entities/" + id + "/periods/2024-05/explanation").then().statusCode(400);
        given().when().get("/api/v1/catalog/entities/" + id).then().statusCode(400);
    }

    @ParameterizedTest(name = "period {0} is refused")
    @ValueSource(strings = { "2024-13", "2024-W54", "24-05", "2024-02-30" })
    void aPeriodThatIsNoDayWeekMonthOrYearIsRefusedWithA400Problem(String period) {
        given().when().get("/api/v1/boards/content-heat/periods/" + period).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/bad-period"));
    }

    @Test
    void theRankHistoryRefusesABadPeriodLikeEveryOtherRoute() {
        given().when().get("/ui/api/boards/content-heat/periods/2024-13/entities/song-1/history").then()
                .statusCode(400)
                .body("type", equalTo("https://caimei.io/problems/bad-period"));
    }
}
