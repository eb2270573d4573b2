package io.caimei.gateway.rest;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import io.caimei.gateway.testing.LocalBackends;

/**
 * Ranking and scoring as far as the audited routes need them: the catalog knows {@code camp-a} of {@code adv-a}
 * and {@code camp-b} of {@code adv-b} and stores any entity put or imported, every explanation and board list is
 * answered, period {@code 2024-02-14} closes while {@code 2024-02-15} is refused (409), a new profile is stored as
 * {@code standard} version 3 and activating any profile version succeeds.
 */
public class AuditBackends extends LocalBackends {

    private static final Map<String, String> CATALOG = Map.of(
            "camp-a", "{\"id\":\"camp-a\",\"type\":\"CAMPAIGN\",\"owner\":\"adv-a\"}",
            "camp-b", "{\"id\":\"camp-b\",\"type\":\"CAMPAIGN\",\"owner\":\"adv-b\"}");
    private static final Pattern ENTITY = Pattern.compile("/v1/catalog/entities/([^/]+)");
    private static final Pattern EXPLANATION = Pattern.compile("/v1/entities/([^/]+)/periods/([^/]+)/explanation");
    private static final Pattern CLOSE = Pattern.compile("/v1/periods/([^/]+)/close");
    private static final Pattern ACTIVATE = Pattern.compile("/v1/weight-profiles/([^/]+)/versions/(\\d+)/activate");

    @Override
    protected void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher entity = ENTITY.matcher(path);
        Matcher explanation = EXPLANATION.matcher(path);
        Matcher close = CLOSE.matcher(path);
        Matcher activate = ACTIVATE.matcher(path);
        if (entity.matches() && "PUT".equals(method)) {
            send(exchange, 200, "{\"id\":\"" + entity.group(1) + "\",\"type\":\"CAMPAIGN\",\"owner\":\"adv-a\"}");
        } else if (entity.matches() && CATALOG.containsKey(entity.group(1))) {
            send(exchange, 200, CATALOG.get(entity.group(1)));
        } else if (explanation.matches()) {
            send(exchange, 200, "{\"entityId\":\"" + explanation.group(1) + "\",\"score\":42.0}");
        } else if ("/v1/catalog/entities".equals(path) && "POST".equals(method)) {
            send(exchange, 200, "{\"saved\":2}");
        } else if ("/v1/boards".equals(path)) {
            send(exchange, 200, "[]");
        } else if (close.matches() && "2024-02-14".equals(close.group(1))) {
            send(exchange, 200, "{\"period\":\"2024-02-14\",\"state\":\"CLOSED\"}");
        } else if (close.matches()) {
            send(exchange, 409, "{\"status\":409}");
        } else if ("/v1/weight-profiles".equals(path) && "POST".equals(method)) {
            send(exchange, 201, "{\"name\":\"standard\",\"version\":3,\"status\":\"DRAFT\"}");
        } else if (activate.matches()) {
            send(exchange, 200, "{\"name\":\"" + activate.group(1) + "\",\"version\":" + activate.group(2)
                    + ",\"status\":\"ACTIVE\",\"rescored\":0}");
        } else {
            send(exchange, 404, "{\"status\":404}");
        }
    }
}
