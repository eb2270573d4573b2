package io.caimei.ranking.client;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What-if scoring ({@code POST /v1/scores/what-if}) stood in for: weights with a C1 of 5, or with a value that is no
 * number, are refused with scoring's 400 problem; any other request is answered as scoring does, the given weights
 * over the standard profile (version 1) echoed as the decimals received, each entity scoring 100 minus its position.
 * Counts the requests it gets and keeps the last body.
 */
public class FakeScoring implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final AtomicReference<String> LAST_BODY = new AtomicReference<>();

    /** Keeps every number the exact decimal it was written as, like scoring's reader. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> CODES = List.of("C1", "C2", "D1", "D2", "D3", "D4", "E1", "E2", "E3", "E4",
            "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13");
    private static final List<String> STANDARD = List.of("0.5", "0.5", "0.6", "0.4", "0.7", "0.3", "0.5", "0.5",
            "0.7", "0.3", "0.35", "0.15", "0.2", "0.1", "0.1", "0.1", "0.4", "0.35", "0.25");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeScoring::answer);
        server.start();
        return Map.of("quarkus.rest-client.scoring.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        LAST_BODY.set(body);
        if (!exchange.getRequestURI().getPath().equals("/v1/scores/what-if")) {
            send(exchange, 404, "application/problem+json", "{\"type\":\"https://caimei.io/problems/not-found\","
                    + "\"title\":\"Not found\",\"status\":404}");
            return;
        }
        JsonNode request = JSON.readTree(body);
        JsonNode weights = request.path("weights");
        if (weights.path("C1").isNumber() && weights.path("C1").decimalValue().compareTo(BigDecimal.valueOf(5)) == 0) {
            badProfile(exchange, "C1 must be between 0 and 1");
            return;
        }
        List<String> notNumbers = new ArrayList<>();
        weights.fields().forEachRemaining(w -> {
            if (!w.getValue().isNumber()) {
                notNumbers.add(w.getKey() + ": weight must be a number, got a " + w.getValue().getNodeType()
                        .name().toLowerCase(Locale.ROOT));
            }
        });
        if (!notNumbers.isEmpty()) {
            badProfile(exchange, String.join("; ", notNumbers));
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("period", request.path("period").asText());
        out.put("profile", "standard");
        out.put("profileVersion", 1);
        ObjectNode used = out.putObject("weights");
        ArrayNode given = out.putArray("given");
        for (int i = 0; i < CODES.size(); i++) {
            String code = CODES.get(i);
            if (weights.has(code)) {
                used.put(code, weights.get(code).decimalValue());
                given.add(code);
            } else {
                used.put(code, new BigDecimal(STANDARD.get(i)));
            }
        }
        ArrayNode scores = out.putArray("scores");
        int position = 0;
        for (JsonNode id : request.path("entityIds")) {
            scores.addObject().put("entityId", id.asText()).put("index", 100.0 - position++);
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(out));
    }

    private static void badProfile(HttpExchange exchange, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode().put("type", "https://caimei.io/problems/bad-profile")
                .put("title", "Bad weight profile").put("status", 400).put("detail", detail);
        send(exchange, 400, "application/problem+json", JSON.writeValueAsString(problem));
    }

    private static void send(HttpExchange exchange, int status, String type, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
