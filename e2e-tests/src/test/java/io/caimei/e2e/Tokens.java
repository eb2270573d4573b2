package io.caimei.e2e;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real tokens from the local Keycloak: demo users by password grant, channel systems by client credentials. */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A user's access token; passwords are the realm's local-dev ones ({@code <user>-dev}). */
    public static String user(String username) {
        return CACHE.computeIfAbsent("user:" + username, u -> given()
                .formParam("grant_type", "password").formParam("client_id", "caimei-gateway")
                .formParam("client_secret", "caimei-gateway-local-dev-secret")
                .formParam("username", username).formParam("password", username + "-dev")
                .post(Stack.ISSUER + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token"));
    }

    /** The channel systems' client-credentials token (role ingest). */
    public static String channels() {
        return CACHE.computeIfAbsent("client:channels", u -> given()
                .formParam("grant_type", "client_credentials").formParam("client_id", "caimei-channels")
                .formParam("client_secret", "caimei-channels-local-dev-secret")
                .post(Stack.ISSUER + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token"));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
