package io.caimei.demo.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's API as the loader uses it: catalog bulk import, native channel events and board pages. Retries
 * 429 and 503 after their Retry-After (and connection failures), renews the token once on 401, and fails on any
 * other unexpected status with the problem body.
 */
public final class Gateway {

    /** What one native batch did: {@code {accepted, duplicates, attributed, rejected:[{index, reason}]}}. */
    public record IngestResult(long accepted, long duplicates, long attributed, List<String> rejections) {
    }

    private static final int MAX_ATTEMPTS = 120;

    private final HttpClient http;
    private final String base;
    private final ObjectMapper json = new ObjectMapper();

    public Gateway(HttpClient http, String base) {
        this.http = http;
        this.base = TokenSource.stripSlash(base);
    }

    public static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public String base() {
        return base;
    }

    /**
     * True when the gateway's public port answers within {@code wait} ({@code /openapi}: health lives on the private
     * management port, which a loader from outside cannot reach).
     */
    public boolean awaitReady(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/openapi")).timeout(Duration.ofSeconds(5))
                .GET().build();
        while (true) {
            try {
                if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Sleep.seconds(1);
        }
    }

    /** Bulk-imports catalog entities (all or nothing); returns the number saved. */
    public int postCatalog(TokenSource token, List<Map<String, Object>> entities) {
        try {
            String body = json.writeValueAsString(entities);
            HttpResponse<String> r = send("catalog import", token, "POST", "/api/v1/catalog/entities",
                    "application/json", body, 200);
            return json.readTree(r.body()).path("saved").asInt(entities.size());
        } catch (IOException e) {
            throw new IllegalStateException("catalog import: " + e.getMessage(), e);
        }
    }

    /** Posts one batch to {@code /api/v1/channels/{channel}/events}; anything but 202 (after retries) throws. */
    public IngestResult postEvents(TokenSource token, String channel, String contentType, String body) {
        HttpResponse<String> r = send("POST " + channel + " events", token, "POST",
                "/api/v1/channels/" + channel + "/events", contentType, body, 202);
        try {
            JsonNode n = json.readTree(r.body());
            List<String> rejections = new ArrayList<>();
            for (JsonNode rej : n.path("rejected")) {
                rejections.add("#" + rej.path("index").asInt() + " " + rej.path("reason").asText());
            }
            return new IngestResult(n.path("accepted").asLong(), n.path("duplicates").asLong(),
                    n.path("attributed").asLong(), rejections);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable ingest answer: " + r.body(), e);
        }
    }

    /** GET a JSON document (200 expected). */
    public JsonNode get(TokenSource token, String path) {
        HttpResponse<String> r = send("GET " + path, token, "GET", path, null, null, 200);
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer of " + path + ": " + r.body(), e);
        }
    }

    public static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<String> send(String what, TokenSource token, String method, String path, String type,
            String body, int expected) {
        boolean renewed = false;
        Exception last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token.get()).header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", type)
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int s = r.statusCode();
                if (s == expected) {
                    return r;
                }
                if (s == 401 && !renewed) {
                    renewed = true;
                    token.invalidate();
                    continue;
                }
                if (s == 429 || s == 503) {
                    long wait = retryAfterMillis(r);
                    warn(what + ": HTTP " + s + ", retrying in " + wait + " ms" + problem(r.body()));
                    Sleep.millis(wait);
                    continue;
                }
                throw new ApiException(what, s, r.body());
            } catch (IOException e) {
                last = e;
                warn(what + ": " + e + ", retrying in 1 s");
                Sleep.seconds(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException(what + ": gave up after " + MAX_ATTEMPTS + " attempts"
                + (last == null ? " (429/503 throughout)" : ": " + last), last);
    }

    private static volatile long lastWarning;

    /** Reports a retry on stderr, at most one line every 5 seconds so a burst of 429s does not flood it. */
    private static void warn(String message) {
        long now = System.nanoTime();
        if (now - lastWarning > 5_000_000_000L || lastWarning == 0) {
            lastWarning = now;
            System.err.println(System.lineSeparator() + message);
        }
    }

    private static String problem(String body) {
        return body == null || body.isBlank() ? "" : " " + body.strip();
    }

    /** Retry-After in seconds (the gateway's form), 1 s when absent or unreadable, at most 30 s. */
    static long retryAfterMillis(HttpResponse<?> r) {
        String v = r.headers().firstValue("Retry-After").orElse("1").trim();
        try {
            return Math.min(30_000, Math.max(100, (long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }
}
