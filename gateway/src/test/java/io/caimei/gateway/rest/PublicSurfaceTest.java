package io.caimei.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * What the gateway's public port shows: the API and the dashboard, never {@code /q/*} (health and metrics live on
 * the management interface); and the dashboard's paths take no state-changing request from another origin.
 */
@QuarkusTest
class PublicSurfaceTest {

    /** {@code quarkus.management.test-port} in application.properties. */
    private static final String MANAGEMENT = "http://127.0.0.1:19180";

    @Test
    void metricsAndHealthAreNotOnThePublicPort() {
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready" }) {
            given().when().get(path).then().statusCode(404).body(not(containsString("jvm_")));
        }
    }

    @Test
    void metricsAndHealthAnswerOnTheManagementInterface() {
        given().baseUri(MANAGEMENT).when().get("/q/health/ready").then().statusCode(200);
        given().baseUri(MANAGEMENT).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests"));
    }

    @Test
    void theApiDescriptionStaysPublic() {
        given().when().get("/openapi").then().statusCode(200).body(containsString("/api/v1/boards"));
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void aPostToTheDashboardFromAnotherSiteOrAnotherOriginIsRefused() {
        for (String site : new String[] { "cross-site", "same-site" }) {
            given().header("Sec-Fetch-Site", site).when().post("/ui/api/me").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://caimei.io/problems/cross-origin-request"));
        }
        given().header("Origin", "http://evil.example").when().post("/ui/logout").then().statusCode(403)
                .body("type", equalTo("https://caimei.io/problems/cross-origin-request"));
        // a non-browser client without Origin gets no benefit of the doubt on the dashboard's paths
        given().when().put("/ui/api/me").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "analyst", roles = "analyst")
    void theDashboardsDataIsNeverStored() {
        given().when().get("/ui/api/me").then().statusCode(200).header("Cache-Control", equalTo("no-store"));
    }
}
