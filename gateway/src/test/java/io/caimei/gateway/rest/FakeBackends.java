package io.caimei.gateway.rest;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import io.caimei.gateway.testing.LocalBackends;

/**
 * The ranking and scoring services as far as the gateway's breakdown route needs them, on one local port: the
 * catalog knows campaign {@code camp-a} of advertiser {@code adv-a} and {@code camp-b} of {@code adv-b}, and
 * every explanation is answered. Records the Authorization header of every call.
 */
public class FakeBackends extends LocalBackends {

    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private static final Map<String, String> CATALOG = Map.of(
            "camp-a", "{\"id\":\"camp-a\",\"type\":\"CAMPAIGN\",\"owner\":\"adv-a\"}",
            "camp-b", "{\"id\":\"camp-b\",\"type\":\"CAMPAIGN\",\"owner\":\"adv-b\"}",
            "song-1", "{\"id\":\"song-1\",\"type\":\"MUSIC\"}");
    private static final Pattern ENTITY = Pattern.compile("/v1/catalog/entities/([^/]+)");
    private static final Pattern EXPLANATION = Pattern.compile("/v1/entities/([^/]+)/periods/([^/]+)/explanation");

    @Override
    protected void answer(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        AUTHORIZATIONS.add(auth == null ? "" : auth);
        String path = exchange.getRequestURI().getPath();
        Matcher entity = ENTITY.matcher(path);
        Matcher explanation = EXPLANATION.matcher(path);
        if (entity.matches() && CATALOG.containsKey(entity.group(1))) {
            send(exchange, 200, CATALOG.get(entity.group(1)));
        } else if (explanation.matches()) {
            send(exchange, 200, "{\"entityId\":\"" + explanation.group(1) + "\",\"period\":\"" + explanation.group(2)
                    + "\",\"score\":42.0}");
        } else {
            send(exchange, 404, "{\"status\":404}");
        }
    }
}
