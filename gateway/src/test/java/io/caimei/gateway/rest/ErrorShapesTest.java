package io.caimei.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every malformed request to every gateway route (read from the resource classes of this package) answers RFC 9457
 * problem+json with a stable type and nothing internal: unknown sub-paths 404, wrong methods 405 with Allow,
 * non-numeric numeric parameters 400 naming the parameter, wrong content types 415. The caller is an admin with
 * every role, so no refusal hides the shape under test; the backends are {@link FakeBackends}.
 */
@QuarkusTest
@WithTestResource(FakeBackends.class)
@TestSecurity(user = "root", roles = { "admin", "analyst", "ingest" })
class ErrorShapesTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPES = "https://caimei.io/problems/";
    /** A qualified Java name (java.lang.NumberFormatException, io.caimei.x.Y) or any exception class name. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*|[A-Za-z]+(Exception|Error)\\b");

    /** Every route of the gateway's resources: method, path with valid parameters. */
    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/boards"),
                Arguments.of("GET", "/api/v1/boards/music/periods"),
                Arguments.of("GET", "/api/v1/boards/music/periods/2024-02-14"),
                Arguments.of("GET", "/api/v1/boards/music/periods/2024-02-14/entities/song-1"),
                Arguments.of("POST", "/api/v1/boards/music/periods/2024-02-14/simulate"),
                Arguments.of("GET", "/api/v1/entities/camp-a/periods/2024-02-14/explanation"),
                Arguments.of("POST", "/api/v1/events"),
                Arguments.of("POST", "/api/v1/channels/crbt/events"),
                Arguments.of("GET", "/api/v1/catalog/entities/song-1"),
                Arguments.of("PUT", "/api/v1/catalog/entities/song-1"),
                Arguments.of("POST", "/api/v1/catalog/entities"),
                Arguments.of("POST", "/api/v1/periods/2024-02-14/close"),
                Arguments.of("GET", "/api/v1/weight-profiles"),
                Arguments.of("GET", "/api/v1/weight-profiles/standard/audit"),
                Arguments.of("POST", "/api/v1/weight-profiles"),
                Arguments.of("POST", "/api/v1/weight-profiles/standard/versions/1/activate"),
                Arguments.of("GET", "/ui/api/me"),
                Arguments.of("GET", "/ui/api/boards"),
                Arguments.of("GET", "/ui/api/boards/music/periods"),
                Arguments.of("GET", "/ui/api/boards/music/periods/2024-02-14"),
                Arguments.of("GET", "/ui/api/entities/camp-a/periods/2024-02-14/explanation"),
                Arguments.of("GET", "/ui/api/boards/music/periods/2024-02-14/entities/song-1/history"),
                Arguments.of("GET", "/"));
    }

    /** A method none of the routes at that path serves. */
    private static String wrongMethod(String method, String path) {
        boolean alsoGet = path.equals("/api/v1/catalog/entities/song-1") || path.equals("/api/v1/weight-profiles");
        return method.equals("GET") || alsoGet ? "DELETE" : "GET";
    }

    /** {@code quarkus.management.test-port} in application.properties: health and metrics live there. */
    private static final String MANAGEMENT = "http://127.0.0.1:19180";

    /** Sent as the dashboard's own pages send it, so its same-origin rule for writes does not answer first. */
    private static ExtractableResponse<Response> send(RequestSpecification request, String method, String path) {
        return request.header("Sec-Fetch-Site", "same-origin").when().request(method, path).then().extract();
    }

    /** The answer is a problem of this status and type, and names no Java class anywhere in its body. */
    private static ExtractableResponse<Response> assertProblem(ExtractableResponse<Response> r, int status,
            String type) {
        String body = r.asString();
        assertEquals(status, r.statusCode(), body);
        assertThat(r.contentType(), startsWith(PROBLEM_JSON));
        assertThat(r.path("type"), equalTo(TYPES + type));
        assertThat(r.path("status"), equalTo(status));
        assertThat(r.path("detail"), notNullValue());
        assertFalse(CLASS_NAME.matcher(body).find(), "no Java class name in " + body);
        return r;
    }

    @ParameterizedTest(name = "{0} {1}/nope/nope is a 404 problem")
    @MethodSource("routes")
    void anUnknownSubPathOfEveryRouteIsA404Problem(String method, String path) {
        String unknown = (path.equals("/") ? "" : path) + "/nope/nope";
        assertProblem(send(given(), method, unknown), 404, "not-found");
    }

    @ParameterizedTest(name = "{0} is a 404 problem")
    @ValueSource(strings = { "/nope", "/api/v2/boards", "/api/nope", "/ui/nope", "/q/nope",
            "/dashboard/no-such-file.js" })
    void aPathNoRouteServesIsA404Problem(String path) {
        assertProblem(send(given(), "GET", path), 404, "not-found");
    }

    @ParameterizedTest(name = "{0} {1}: another method is a 405 problem with Allow")
    @MethodSource("routes")
    void aWrongMethodOnEveryRouteIsA405ProblemThatKeepsAllow(String method, String path) {
        ExtractableResponse<Response> r = assertProblem(send(given(), wrongMethod(method, path), path), 405,
                "method-not-allowed");
        assertThat(r.header("Allow"), containsString(method));
    }

    @ParameterizedTest(name = "{0}?{1}={2} is a 400 problem naming {1}")
    @MethodSource("numericParameters")
    void aNonNumericNumericParameterIsA400ProblemNamingIt(String path, String name, String value) {
        ExtractableResponse<Response> r = assertProblem(send(given().queryParam(name, value), "GET", path), 400,
                "invalid-parameter");
        assertThat(r.path("detail"), containsString("'" + name + "'"));
    }

    static Stream<Arguments> numericParameters() {
        return Stream.of(
                Arguments.of("/api/v1/boards/music/periods/2024-02-14", "limit", "abc"),
                Arguments.of("/api/v1/boards/music/periods/2024-02-14", "offset", "-x"),
                Arguments.of("/api/v1/boards/music/periods/2024-02-14/entities/song-1", "around", "five"),
                Arguments.of("/ui/api/boards/music/periods/2024-02-14", "limit", "1e3"),
                Arguments.of("/ui/api/boards/music/periods/2024-02-14", "offset", "0x10"),
                Arguments.of("/ui/api/boards/music/periods/2024-02-14/entities/song-1/history", "periods", "all"));
    }

    @ParameterizedTest(name = "{0} {1} with text/plain is a 415 problem")
    @MethodSource("jsonBodyRoutes")
    void aJsonRouteGivenAnotherContentTypeIsA415Problem(String method, String path) {
        assertProblem(send(given().contentType("text/plain").body("{}"), method, path), 415,
                "unsupported-media-type");
    }

    static Stream<Arguments> jsonBodyRoutes() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/boards/music/periods/2024-02-14/simulate"),
                Arguments.of("PUT", "/api/v1/catalog/entities/song-1"),
                Arguments.of("POST", "/api/v1/catalog/entities"),
                Arguments.of("POST", "/api/v1/weight-profiles"));
    }

    @Test
    void anApiRouteAskedForHtmlOnlyIsA406Problem() {
        assertProblem(send(given().accept("text/html"), "GET", "/api/v1/weight-profiles"), 406, "not-acceptable");
    }

    @Test
    @TestSecurity
    void anUnknownApiPathWithoutATokenIsA404ProblemToo() {
        // no route to protect, so no authentication to ask for: the route list is public (/q/openapi) anyway
        assertProblem(send(given(), "GET", "/api/v1/nope"), 404, "not-found");
    }

    @Test
    void theStaticFilesTheApiDocumentTheHealthChecksAndTheApiStillAnswer() {
        given().when().get("/dashboard/dashboard.js").then().statusCode(200);
        given().when().get("/signed-out.html").then().statusCode(200);
        given().when().get("/openapi").then().statusCode(200);
        given().when().get("/api/v1/entities/camp-a/periods/2024-02-14/explanation").then().statusCode(200);
        given().baseUri(MANAGEMENT).when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aPathTheManagementInterfaceDoesNotServeIsA404ProblemThere() {
        assertProblem(given().baseUri(MANAGEMENT).when().get("/q/nope").then().extract(), 404, "not-found");
    }
}
