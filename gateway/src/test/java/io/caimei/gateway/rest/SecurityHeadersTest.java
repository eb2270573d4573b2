package io.caimei.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The hardening headers come with every answer of the public gateway, a refusal as much as a page. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void aRefusedApiCallCarriesTheHardeningHeaders() {
        given().when().get("/api/v1/boards").then().statusCode(401)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Content-Security-Policy", equalTo("frame-ancestors 'none'"));
    }

    @Test
    void theDashboardScriptCarriesThemToo() {
        given().when().get("/dashboard/dashboard.js").then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"));
    }
}
