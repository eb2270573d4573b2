package io.caimei.scoring.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Ranking's catalog stood in for: campaign {@code camp-brand} of {@code adv-brand}, {@code camp-tourism} of
 * {@code adv-tourism} and the song {@code song-1}, answered to anyone (so scoring's own rule is what refuses);
 * {@code camp-broken} answers 500, as a failing ranking would; other ids 403, as ranking answers an advertiser.
 * Counts the lookups it gets.
 */
public class FakeCatalog implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger LOOKUPS = new AtomicInteger();

    private static final Map<String, String> CATALOG = Map.of(
            "camp-brand", "{\"id\":\"camp-brand\",\"type\":\"CAMPAIGN\",\"name\":\"B\",\"category\":\"BRAND\","
                    + "\"owner\":\"adv-brand\"}",
            "camp-tourism", "{\"id\":\"camp-tourism\",\"type\":\"CAMPAIGN\",\"name\":\"T\",\"category\":\"TOURISM\","
                    + "\"owner\":\"adv-tourism\"}",
            "song-1", "{\"id\":\"song-1\",\"type\":\"MUSIC\",\"name\":\"S\",\"campaignIds\":[]}");
    private static final Pattern ENTITY = Pattern.compile("/v1/catalog/entities/([^/]+)");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeCatalog::answer);
        server.start();
        return Map.of("quarkus.rest-client.catalog.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        LOOKUPS.incrementAndGet();
        Matcher entity = ENTITY.matcher(exchange.getRequestURI().getPath());
        String id = entity.matches() ? entity.group(1) : "";
        if (CATALOG.containsKey(id)) {
            send(exchange, 200, "application/json", CATALOG.get(id));
        } else if (id.equals("camp-broken")) {
            send(exchange, 500, "text/plain", "boom");
        } else {
            send(exchange, 403, "application/problem+json",
                    "{\"type\":\"https://caimei.io/problems/not-your-campaign\",\"status\":403}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
