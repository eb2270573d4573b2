package io.caimei.demo.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An OIDC access token from Keycloak (password or client-credentials grant), fetched again before it expires. */
public final class TokenSource {

    /** Renew when less than this is left (access tokens last 30 minutes). */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final Map<String, String> form;
    private final ObjectMapper json = new ObjectMapper();
    private String token;
    private Instant expires = Instant.EPOCH;

    private TokenSource(HttpClient http, String issuer, Map<String, String> form) {
        this.http = http;
        this.tokenEndpoint = URI.create(stripSlash(issuer) + "/protocol/openid-connect/token");
        this.form = form;
    }

    /** A user's token by the password grant. */
    public static TokenSource password(HttpClient http, String issuer, String clientId, String secret, String user,
            String password) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "password");
        f.put("client_id", clientId);
        f.put("client_secret", secret);
        f.put("username", user);
        f.put("password", password);
        f.put("scope", "openid");
        return new TokenSource(http, issuer, f);
    }

    /** A service's token by the client-credentials grant. */
    public static TokenSource clientCredentials(HttpClient http, String issuer, String clientId, String secret) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "client_credentials");
        f.put("client_id", clientId);
        f.put("client_secret", secret);
        return new TokenSource(http, issuer, f);
    }

    /** A valid access token, renewed when it nears expiry. */
    public synchronized String get() {
        if (token == null || Instant.now().isAfter(expires.minus(RENEW_BEFORE))) {
            fetch();
        }
        return token;
    }

    /** Drops the token so the next {@link #get()} fetches a new one (after a 401). */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        IOException last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                Instant asked = Instant.now();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() == 200) {
                    JsonNode n = json.readTree(r.body());
                    token = n.path("access_token").asText();
                    expires = asked.plusSeconds(n.path("expires_in").asLong(300));
                    return;
                }
                if (r.statusCode() < 500) {
                    throw new ApiException("token request to " + tokenEndpoint + " (" + form.get("grant_type") + ", "
                            + form.get("client_id") + ")", r.statusCode(), r.body());
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Sleep.seconds(2);
        }
        throw new IllegalStateException("the identity provider at " + tokenEndpoint + " did not answer"
                + (last == null ? "" : ": " + last), last);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
