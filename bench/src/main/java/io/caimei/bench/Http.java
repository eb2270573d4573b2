package io.caimei.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JDK HttpClient (HTTP/1.1, pooled keep-alive connections) and Keycloak tokens that renew themselves. */
public final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(String url, Token token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token.get());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String url, Token token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token.get());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** True when {@code url} answers 2xx. */
    boolean up(String url) {
        try {
            return get(url, null).statusCode() / 100 == 2;
        } catch (Exception e) {
            return false;
        }
    }

    Token password(String issuer, String client, String secret, String user, String pass) {
        return new Token(this, issuer, Map.of("grant_type", "password", "client_id", client, "client_secret", secret,
                "username", user, "password", pass));
    }

    Token clientCredentials(String issuer, String client, String secret) {
        return new Token(this, issuer, Map.of("grant_type", "client_credentials", "client_id", client,
                "client_secret", secret));
    }

    /** An access token fetched on first use and renewed 30 s before it expires. */
    static final class Token {
        private final Http http;
        private final String endpoint;
        private final String form;
        private String value;
        private long renewAt;

        Token(Http http, String issuer, Map<String, String> form) {
            this.http = http;
            this.endpoint = issuer + "/protocol/openid-connect/token";
            this.form = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }

        synchronized String get() throws IOException, InterruptedException {
            if (value == null || System.currentTimeMillis() >= renewAt) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                HttpResponse<String> r = http.client.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IOException("token endpoint " + endpoint + " answered " + r.statusCode() + ": "
                            + r.body());
                }
                JsonNode n = JSON.readTree(r.body());
                value = n.path("access_token").asText();
                long life = n.path("expires_in").asLong(300);
                renewAt = System.currentTimeMillis() + Math.max(5, life - 30) * 1000L;
            }
            return value;
        }
    }
}
