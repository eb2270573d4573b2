package io.caimei.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import com.sun.net.httpserver.HttpServer;

/**
 * The dashboard's session in a real Chromium against the real Keycloak: its cookie never authorizes the API, so a
 * page of another origin cannot make a signed-in admin's browser act (CSRF), whether that page is same-site (another
 * port of the host) or cross-site; and a session ended in Keycloak ends in the gateway (back-channel logout), even
 * for a copy of the cookie.
 */
@ExtendWith(Stack.class)
class DashboardSessionTest {

    /** A day no other test uses: if an attack got through, this is what it would close. */
    private static final String TARGET_DAY = "2008-06-01";
    private static final String KEYCLOAK = Stack.ISSUER.substring(0, Stack.ISSUER.indexOf("/realms/"));

    private static HttpServer attacker;

    @BeforeAll
    static void anAttackersSiteServesPagesThatPostToTheGateway() throws IOException, InterruptedException {
        Browser.ensureInstalled();
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            String target = exchange.getRequestURI().getPath().startsWith("/ui") ? "/ui/api/me"
                    : "/api/v1/periods/" + TARGET_DAY + "/close";
            // a form the browser submits by itself with the victim's cookies; text/plain needs no CORS preflight
            byte[] page = ("<!doctype html><form id=f method=POST enctype=text/plain action='" + Stack.gateway()
                    + target + "'><input name='{\"a\":\"' value='\"}'></form>"
                    + "<script>document.getElementById('f').submit()</script>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
    }

    @AfterAll
    static void stopTheAttacker() {
        attacker.stop(0);
    }

    @Test
    void aPageOnTheSameSiteOrAnotherSiteCannotUseASignedInAdminsSessionOnTheApi() throws Exception {
        int port = attacker.getAddress().getPort();
        try (Browser b = Browser.open()) {
            signIn(b, "admin");
            // same origin, top-level: even the dashboard's own origin gets no API access from the cookie
            assertEquals(401, status(b, Stack.gateway() + "/api/v1/weight-profiles"));
            // same site (127.0.0.1, another port: cookies are sent) and cross site (localhost: they are not)
            for (String page : List.of("http://127.0.0.1:" + port + "/attack", "http://localhost:" + port + "/attack")) {
                b.driver().get(page);
                assertEquals(401, submitted(b), "the admin route refused the session of " + page);
            }
            // the dashboard's own paths refuse a state-changing request from another origin before anything else
            for (String page : List.of("http://127.0.0.1:" + port + "/ui", "http://localhost:" + port + "/ui")) {
                b.driver().get(page);
                assertEquals(403, submitted(b), page);
                assertTrue(body(b).contains("cross-origin-request"), body(b));
            }
        }
        given().baseUri(Stack.gateway()).auth().oauth2(Tokens.user("analyst"))
                .get("/api/v1/boards/content-heat/periods/" + TARGET_DAY).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.not("CLOSED"));
    }

    @Test
    void signingOutInKeycloakEndsTheDashboardSessionEvenForACopiedCookie() throws Exception {
        String admin = keycloakAdminToken();
        Map<String, Object> client = given().auth().oauth2(admin).queryParam("clientId", "caimei-gateway")
                .get(KEYCLOAK + "/admin/realms/caimei/clients").then().statusCode(200).extract().path("[0]");
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) client.get("attributes");
        Object before = attributes.get("backchannel.logout.url");
        // the realm names the local stack's gateway (8080); the suite's gateway listens elsewhere
        attributes.put("backchannel.logout.url", Stack.gateway() + "/back-channel-logout");
        updateClient(admin, client);
        try (Browser b = Browser.open()) {
            signIn(b, "analyst");
            String cookie = b.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            assertEquals(200, me(cookie).statusCode(), "the copied cookie works while the session lives");

            // the user also holds 40 API sessions: signing out everywhere ends them all, and Keycloak sends one
            // logout token per session; the dashboard session's must not be lost among them
            for (int i = 0; i < 40; i++) {
                given().formParam("grant_type", "password").formParam("client_id", "caimei-gateway")
                        .formParam("client_secret", "caimei-gateway-local-dev-secret").formParam("username", "analyst")
                        .formParam("password", "analyst-dev").post(Stack.ISSUER + "/protocol/openid-connect/token")
                        .then().statusCode(200);
            }
            String user = given().auth().oauth2(admin).queryParam("username", "analyst").queryParam("exact", true)
                    .get(KEYCLOAK + "/admin/realms/caimei/users").then().statusCode(200).extract().path("[0].id");
            given().auth().oauth2(admin).post(KEYCLOAK + "/admin/realms/caimei/users/" + user + "/logout")
                    .then().statusCode(204);

            // Keycloak calls the gateway's back-channel endpoint after the sign-out; on a loaded machine that can take
            // a while, so the copy gets up to 30 s to be refused
            HttpResponse<String> after = me(cookie);
            for (int i = 0; i < 60 && after.statusCode() == 200; i++) {
                Thread.sleep(500);
                after = me(cookie);
            }
            assertNotEquals(200, after.statusCode(), after.body());
            assertTrue(!after.body().contains("\"analyst\""), "no identity answered: " + after.body());
            // and the browser that held the session is told so, and signs in afresh from there
            b.driver().get(Stack.gateway() + "/");
            b.waiting(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/signed-out.html")
                    || !d.findElements(By.id("kc-login")).isEmpty());
            b.driver().get(Stack.gateway() + "/");
            try {
                b.waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("kc-login")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("no login form at " + b.driver().getCurrentUrl() + ": " + body(b), e);
            }
        } finally {
            attributes.put("backchannel.logout.url", before);
            updateClient(keycloakAdminToken(), client);
        }
    }

    private static void signIn(Browser b, String user) {
        b.driver().get(Stack.gateway() + "/");
        b.keycloakLogin(user, user + "-dev");
        b.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(Stack.gateway() + "/")
                && !d.findElements(By.id("user")).isEmpty() && user.equals(d.findElement(By.id("user")).getText()));
        assertTrue(b.driver().manage().getCookies().stream().map(Cookie::getName)
                .anyMatch(n -> n.startsWith("q_session")), "a dashboard session cookie");
    }

    /** Opens a gateway URL in the browser (cookies and all) and reads the problem status it shows. */
    private static int status(Browser b, String url) {
        b.driver().get(url);
        return problemStatus(body(b));
    }

    /** Waits until the attacker page's form has landed on the gateway, and reads the answer's problem status. */
    private static int submitted(Browser b) {
        b.waiting(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(Stack.gateway()));
        return problemStatus(body(b));
    }

    private static String body(Browser b) {
        return b.driver().findElement(By.tagName("body")).getText();
    }

    private static int problemStatus(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*(\\d{3})").matcher(body);
        assertTrue(m.find(), "a problem+json answer: " + body);
        return Integer.parseInt(m.group(1));
    }

    private static HttpResponse<String> me(String cookie) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return http.send(HttpRequest.newBuilder(URI.create(Stack.gateway() + "/ui/api/me")).header("Cookie", cookie)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The local Keycloak's bootstrap administrator (admin/admin, local dev only, see infra/lib/keycloak.sh). */
    private static String keycloakAdminToken() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(KEYCLOAK + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }

    private static void updateClient(String admin, Map<String, Object> client) {
        given().auth().oauth2(admin).contentType("application/json").body(client)
                .put(KEYCLOAK + "/admin/realms/caimei/clients/" + client.get("id")).then().statusCode(204);
    }
}
