package io.caimei.ranking.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;

/** The ranking service answers malformed requests with problem+json too, not the framework's empty or HTML pages. */
@QuarkusTest
@TestSecurity(user = "admin", roles = "admin")
class ErrorShapesTest {

    private static ValidatableResponse problem(ValidatableResponse r, int status, String type) {
        return r.statusCode(status).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://caimei.io/problems/" + type))
                .body(not(containsString("Exception")), not(containsString("java.")));
    }

    @Test
    @TestSecurity(user = "reader", roles = "advertiser")
    void aRoleThatMayNotIsA403ProblemHereToo() {
        problem(given().contentType("application/json").body("{\"weights\":{}}").when()
                .post("/v1/boards/content-heat/periods/2024-02-14/simulate").then(), 403, "forbidden");
    }

    @Test
    void anUnknownRouteIsA404Problem() {
        problem(given().when().get("/v1/nope").then(), 404, "not-found");
        problem(given().when().get("/v1/boards/content-heat/periods/2024-02-14/nope/nope").then(), 404, "not-found");
    }

    @Test
    void aWrongMethodIsA405ProblemWithAllow() {
        problem(given().when().delete("/v1/boards").then(), 405, "method-not-allowed")
                .header("Allow", containsString("GET"));
    }

    @Test
    void aNonNumericLimitIsA400ProblemNamingIt() {
        problem(given().queryParam("limit", "abc").when().get("/v1/boards/content-heat/periods/2024-02-14").then(), 400,
                "invalid-parameter").body("detail", containsString("'limit'"));
        problem(given().queryParam("offset", "-x").when().get("/v1/boards/content-heat/periods/2024-02-14").then(), 400,
                "invalid-parameter").body("detail", containsString("'offset'"));
    }

    @Test
    void aDuplicatedJsonKeyIsA400ProblemNamingTheKey() {
        problem(given().contentType("application/json").body("{\"weights\":{},\"limit\":3,\"limit\":2}").when()
                .post("/v1/boards/content-heat/periods/2024-02-14/simulate").then(), 400, "malformed-json")
                .body("detail", containsString("'limit'"));
        problem(given().contentType("application/json")
                .body("{\"id\":\"dup-song\",\"type\":\"MUSIC\",\"name\":\"A\",\"name\":\"B\"}").when()
                .put("/v1/catalog/entities/dup-song").then(), 400, "malformed-json")
                .body("detail", allOf(containsString("'name'"), not(containsString("CatalogEntity"))));
    }

    @Test
    void aBodyThatIsNoJsonIsA400Problem() {
        problem(given().contentType("application/json").body("{\"id\":").when()
                .put("/v1/catalog/entities/broken").then(), 400, "malformed-json");
    }

    @Test
    void aWrongContentTypeIsA415Problem() {
        problem(given().contentType("text/plain").body("x").when().put("/v1/catalog/entities/x").then(), 415,
                "unsupported-media-type");
    }
}
