package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The gateway's security as the design's role table says: every public endpoint against no token and each role,
 * forged tokens, and advertiser tenancy on explanations. Every refusal is RFC 9457 problem+json.
 */
@ExtendWith(Stack.class)
class GatewaySecurityTest {

    private static final String AT = "2019-06-15T20:15:00+08:00";
    private static final String DAY = "2019-06-15";
    private static final String BRAND_CAMPAIGN = "sec-brand-campaign";
    private static final String TOURISM_CAMPAIGN = "sec-tourism-campaign";
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "(Exception|\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|\\bio\\.quarkus\\.|\\bio\\.caimei\\.|\\bio\\.vertx\\.|\\bat [a-z]+\\.)");
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Who {
        NOBODY(null), ADVERTISER("brand-advertiser"), ANALYST("analyst"), ADMIN("admin"), INGEST(null);

        final String user;

        Who(String user) {
            this.user = user;
        }

        String token() {
            return switch (this) {
                case NOBODY -> null;
                case INGEST -> Tokens.channels();
                default -> Tokens.user(user);
            };
        }
    }

    /** One public endpoint, how to call it, and which callers may (the design's section 8). */
    record Endpoint(String name, String method, String path, String body, List<Who> allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Who> READERS = List.of(Who.ADVERTISER, Who.ANALYST, Who.ADMIN);
    private static final List<Who> INTERNAL = List.of(Who.ANALYST, Who.ADMIN);
    private static final List<Who> WRITERS = List.of(Who.INGEST, Who.ADMIN);
    private static final List<Who> ADMIN = List.of(Who.ADMIN);

    static List<Endpoint> endpoints() {
        String event = "[{\"eventId\":\"sec-matrix-%s\",\"source\":\"e2e-security\",\"channel\":\"MIGU_APP\","
                + "\"indicator\":\"E5\",\"entityType\":\"CAMPAIGN\",\"entityId\":\"sec-matrix-entity\","
                + "\"occurredAt\":\"" + AT + "\",\"userKey\":\"viewer-1\",\"delta\":1}]";
        String campaign = "{\"id\":\"sec-matrix-campaign\",\"type\":\"CAMPAIGN\",\"name\":\"安全测试活动\","
                + "\"category\":\"BRAND\",\"owner\":\"adv-brand\"}";
        return List.of(
                new Endpoint("GET boards", "GET", "/api/v1/boards", null, READERS),
                new Endpoint("GET periods", "GET", "/api/v1/boards/brand-promotion/periods", null, READERS),
                new Endpoint("GET page", "GET", "/api/v1/boards/brand-promotion/periods/" + DAY, null, READERS),
                new Endpoint("GET around", "GET", "/api/v1/boards/brand-promotion/periods/" + DAY + "/entities/"
                        + BRAND_CAMPAIGN, null, READERS),
                new Endpoint("GET explanation", "GET", "/api/v1/entities/" + BRAND_CAMPAIGN + "/periods/" + DAY
                        + "/explanation", null, READERS),
                new Endpoint("POST events", "POST", "/api/v1/events", event, WRITERS),
                new Endpoint("POST channel events", "POST", "/api/v1/channels/MIGU_APP/events", "[]", WRITERS),
                new Endpoint("GET catalog entity", "GET", "/api/v1/catalog/entities/" + BRAND_CAMPAIGN, null, INTERNAL),
                new Endpoint("PUT catalog entity", "PUT", "/api/v1/catalog/entities/sec-matrix-campaign", campaign,
                        ADMIN),
                new Endpoint("POST catalog entities", "POST", "/api/v1/catalog/entities", "[" + campaign + "]", ADMIN),
                new Endpoint("POST period close", "POST", "/api/v1/periods/2000-01-01/close", null, ADMIN));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Who who : Who.values()) {
                out.add(Arguments.of(e, who));
            }
        }
        return out.stream();
    }

    @BeforeAll
    static void twoAdvertisersEachHaveACampaignWithScores() throws Exception {
        Api.putCatalog(List.of(
                campaign(BRAND_CAMPAIGN, "春节品牌宣发", "BRAND", "adv-brand"),
                campaign(TOURISM_CAMPAIGN, "烟雨江南文旅季", "TOURISM", "adv-tourism")));
        Api.postAll(List.of(
                Api.event("sec-brand-1", "MIGU_APP", "E5", "CAMPAIGN", BRAND_CAMPAIGN, AT, "viewer-1"),
                Api.event("sec-tourism-1", "MIGU_APP", "E5", "CAMPAIGN", TOURISM_CAMPAIGN, AT, "viewer-1")));
        for (String id : List.of(BRAND_CAMPAIGN, TOURISM_CAMPAIGN)) {
            Api.awaitExplanation(id, DAY, x -> x.getDouble("raw.E5") >= 1, Duration.ofSeconds(60));
        }
    }

    private static Map<String, Object> campaign(String id, String name, String category, String owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", "CAMPAIGN");
        m.put("name", name);
        m.put("category", category);
        m.put("owner", owner);
        return m;
    }

    /** Sends a request; a 429 (the advertiser's budget is small) is waited out, as a client would. */
    private static Response send(String token, String method, String path, String body) throws InterruptedException {
        for (int attempt = 0;; attempt++) {
            RequestSpecification req = given().baseUri(Stack.gateway()).redirects().follow(false);
            if (token != null) {
                req = req.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                req = req.contentType(ContentType.JSON).body(body.formatted(Long.toString(System.nanoTime(), 36)));
            }
            Response r = req.request(method, path);
            if (r.statusCode() != 429 || attempt == 5) {
                return r;
            }
            Thread.sleep(1100);
        }
    }

    private static void assertProblem(Response r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), "content type " + r.contentType());
        Map<?, ?> body = JSON.readValue(r.asByteArray(), Map.class);
        assertNotNull(body.get("type"), "type");
        assertTrue(body.get("type").toString().startsWith("https://"), "type is a URI: " + body.get("type"));
        assertNotNull(body.get("title"), "title");
        assertEquals(status, ((Number) body.get("status")).intValue(), "status");
        assertNotNull(body.get("detail"), "detail");
        assertFalse(JAVA_NAMES.matcher(r.asString()).find(), "no Java class names: " + r.asString());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void everyEndpointAnswersEachCallerAsTheRoleTableSays(Endpoint e, Who who) throws Exception {
        Response r = send(who.token(), e.method(), e.path(), e.body());
        if (who == Who.NOBODY) {
            assertProblem(r, 401);
        } else if (!e.allowed().contains(who)) {
            assertProblem(r, 403);
        } else {
            int s = r.statusCode();
            assertTrue(s >= 200 && s < 500 && s != 401 && s != 403,
                    e + " as " + who + " must be let through, got " + s + " " + r.asString());
        }
    }

    @Test
    void allowedCallersGetTheExactSuccessStatusOfEachEndpoint() throws Exception {
        assertEquals(200, send(Tokens.user("brand-advertiser"), "GET", "/api/v1/boards", null).statusCode());
        assertEquals(200, send(Tokens.user("brand-advertiser"), "GET",
                "/api/v1/boards/brand-promotion/periods/" + DAY, null).statusCode());
        assertEquals(202, send(Tokens.channels(), "POST", "/api/v1/events", endpoints().get(5).body()).statusCode());
        assertEquals(202, send(Tokens.user("admin"), "POST", "/api/v1/events", endpoints().get(5).body())
                .statusCode());
        assertEquals(200, send(Tokens.user("analyst"), "GET", "/api/v1/catalog/entities/" + BRAND_CAMPAIGN, null)
                .statusCode());
        assertEquals(200, send(Tokens.user("admin"), "PUT", "/api/v1/catalog/entities/sec-matrix-campaign",
                endpoints().get(8).body()).statusCode());
        assertEquals(200, send(Tokens.user("admin"), "POST", "/api/v1/periods/2000-01-02/close", null).statusCode());
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] parts(String jwt) {
        return jwt.split("\\.");
    }

    private static void assertRejected(String token) throws Exception {
        for (String path : List.of("/api/v1/boards", "/api/v1/entities/" + BRAND_CAMPAIGN + "/periods/" + DAY
                + "/explanation")) {
            assertProblem(send(token, "GET", path, null), 401);
        }
    }

    @Test
    void aTokenWithOneSignatureByteFlippedIsRejectedWith401() throws Exception {
        String[] p = parts(Tokens.user("analyst"));
        byte[] sig = Base64.getUrlDecoder().decode(p[2]);
        sig[sig.length / 2] ^= 0x01;
        assertRejected(p[0] + "." + p[1] + "." + b64(sig));
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRejectedWith401() throws Exception {
        String[] p = parts(Tokens.user("admin"));
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertRejected(header + "." + p[1] + ".");
        assertRejected(header + "." + p[1]);
    }

    @Test
    void aWellFormedTokenSignedByAnotherIssuersKeyIsRejectedWith401() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair keys = gen.generateKeyPair();
        long now = System.currentTimeMillis() / 1000;
        // the realm's own claims (issuer, audience, roles) re-signed with a key the realm never published
        Map<String, Object> claims = new LinkedHashMap<>(JSON.readValue(
                Base64.getUrlDecoder().decode(parts(Tokens.user("admin"))[1]), Map.class));
        claims.put("iat", now);
        claims.put("exp", now + 300);
        assertRejected(sign(keys, "attacker-key", claims));
        // and a token that says so: another issuer altogether
        claims.put("iss", "http://127.0.0.1:9/realms/caimei");
        assertRejected(sign(keys, "attacker-key", claims));
    }

    @Test
    void anIdTokenOfTheRealIssuerIsRejectedWith401NotTreatedAsAnAccessToken() throws Exception {
        String idToken = given().formParam("grant_type", "password").formParam("client_id", "caimei-gateway")
                .formParam("client_secret", "caimei-gateway-local-dev-secret").formParam("scope", "openid")
                .formParam("username", "analyst").formParam("password", "analyst-dev")
                .post(Stack.ISSUER + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("id_token");
        Map<?, ?> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts(idToken)[1]), Map.class);
        assertEquals("ID", claims.get("typ"), "a genuine, validly signed ID token of the realm");
        assertRejected(idToken);
    }

    @Test
    void anAccessTokenIssuedToAnotherClientOfTheRealmIsRejectedWith401() throws Exception {
        // admin-cli is a client every Keycloak realm has; its tokens are valid, signed and carry the user's roles,
        // but they are not minted for this platform (no caimei-gateway audience)
        String other = given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin-dev")
                .post(Stack.ISSUER + "/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        Map<?, ?> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts(other)[1]), Map.class);
        assertEquals("Bearer", claims.get("typ"));
        assertEquals("admin-cli", claims.get("azp"));
        assertRejected(other);
    }

    private static String sign(KeyPair keys, String kid, Map<String, Object> claims) throws Exception {
        String header = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", kid)));
        String payload = b64(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64(rsa.sign());
    }

    @Test
    void anAdvertiserReadsTheExplanationOfItsOwnCampaign() throws Exception {
        Response r = send(Tokens.user("brand-advertiser"), "GET",
                "/api/v1/entities/" + BRAND_CAMPAIGN + "/periods/" + DAY + "/explanation", null);
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(BRAND_CAMPAIGN, r.jsonPath().getString("entityId"));
        assertEquals(1.0, r.jsonPath().getDouble("raw.E5"), 1e-9);
    }

    @Test
    void anAdvertiserIsRefusedAnotherAdvertisersCampaignExactlyAsANonexistentOne() throws Exception {
        String token = Tokens.user("brand-advertiser");
        Response other = send(token, "GET", "/api/v1/entities/" + TOURISM_CAMPAIGN + "/periods/" + DAY
                + "/explanation", null);
        Response missing = send(token, "GET", "/api/v1/entities/sec-no-such-campaign/periods/" + DAY
                + "/explanation", null);
        assertProblem(other, 403);
        assertProblem(missing, 403);
        assertEquals(other.asString(), missing.asString());
        assertEquals(other.contentType(), missing.contentType());
        // and the other advertiser does see its own
        assertEquals(200, send(Tokens.user("tourism-advertiser"), "GET", "/api/v1/entities/" + TOURISM_CAMPAIGN
                + "/periods/" + DAY + "/explanation", null).statusCode());
    }

    @Test
    void anAdvertiserIsRefusedTheCatalogWith403EvenForItsOwnCampaign() throws Exception {
        assertProblem(send(Tokens.user("brand-advertiser"), "GET", "/api/v1/catalog/entities/" + BRAND_CAMPAIGN,
                null), 403);
    }

    @Test
    void theDashboardDataAnswersOnlyToALoginSessionNeverToABearerToken() throws Exception {
        String token = Tokens.user("analyst");
        Response page = given().baseUri(Stack.gateway()).redirects().follow(false)
                .header("Authorization", "Bearer " + token).get("/ui/api/boards");
        assertEquals(302, page.statusCode(), page.asString());
        assertTrue(page.header("Location").startsWith(Stack.ISSUER + "/protocol/openid-connect/auth?"),
                page.header("Location"));
        Response script = given().baseUri(Stack.gateway()).redirects().follow(false)
                .header("Authorization", "Bearer " + token).header("X-Requested-With", "JavaScript")
                .get("/ui/api/boards");
        assertEquals(499, script.statusCode(), script.asString());
        assertFalse(script.asString().contains("englishName"));
    }

    @Test
    void theApiNeverRedirectsToTheLoginPageEvenWhereTheDashboardWould() throws Exception {
        Response r = given().baseUri(Stack.gateway()).redirects().follow(false)
                .accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").get("/api/v1/boards");
        assertProblem(r, 401);
        assertEquals("Bearer realm=\"caimei\"", r.header("WWW-Authenticate"));
    }
}
