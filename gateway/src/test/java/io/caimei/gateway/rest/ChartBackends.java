package io.caimei.gateway.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import io.caimei.gateway.testing.LocalBackends;

/**
 * The ranking and scoring services as issue #17's routes need them: board {@code music} has weeks 2024-W17..W19
 * (W18 without the entity {@code song-1}), pages in JSON or CSV by Accept, search, the caller's campaigns, weight
 * profiles and simulation. Records what each call asked (path, query, Accept, body) for the tests to check.
 */
public class ChartBackends extends LocalBackends {

    /** The CSV bytes ranking answers: a BOM, a Chinese name, a quoted comma, CRLF line ends. */
    static final byte[] CSV = ("\uFEFFrank,entityId,name,score,movement,previousRank,peakRank,periodsOnBoard\r\n"
            + "1,song-1,\"青花瓷, 彩铃版\",273.5671,UP 3,4,1,6\r\n").getBytes(StandardCharsets.UTF_8);
    static final String PAGE = "{\"boardId\":\"music\",\"period\":\"2024-W19\",\"total\":1,\"entries\":"
            + "[{\"rank\":1,\"entityId\":\"song-1\",\"name\":\"青花瓷\",\"score\":273.5671,\"movement\":\"UP 3\"}]}";
    static final String PERIODS = "[{\"period\":\"2024-W20\",\"closed\":false},"
            + "{\"period\":\"2024-W19\",\"closed\":true},"
            + "{\"period\":\"2024-W18\",\"closed\":true},{\"period\":\"2024-W17\",\"closed\":true},"
            + "{\"period\":\"2024-05\",\"closed\":true}]";
    static final String MINE = "[{\"entityId\":\"camp-a\",\"name\":\"春季品牌\",\"type\":\"CAMPAIGN\"}]";
    static final String PROFILES = "[{\"name\":\"standard\",\"version\":1,\"status\":\"ACTIVE\","
            + "\"weights\":{\"C1\":0.3}}]";

    /** What the last call to each kind of route asked: "path?query", the Accept header, the body. */
    static final Map<String, String> LAST = new ConcurrentHashMap<>();
    static final List<String> PATHS = new CopyOnWriteArrayList<>();

    private static final Pattern AROUND = Pattern.compile("/v1/boards/music/periods/([^/]+)/entities/([^/]+)");

    @Override
    protected void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        PATHS.add(path);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Matcher around = AROUND.matcher(path);
        if (path.equals("/v1/boards/music/periods")) {
            send(exchange, 200, PERIODS);
        } else if (path.startsWith("/v1/boards/") && path.endsWith("/periods")) {
            problem(exchange, 404, "not-found", "no board");
        } else if (around.matches()) {
            if ("2024-W18".equals(around.group(1))) {
                problem(exchange, 404, "not-found", "not ranked");
            } else {
                int rank = "2024-W19".equals(around.group(1)) ? 1 : 4;
                send(exchange, 200, "{\"entries\":[{\"entityId\":\"other\",\"rank\":1,\"score\":300.0},"
                        + "{\"entityId\":\"" + around.group(2) + "\",\"rank\":" + rank + ",\"score\":" + (300 - rank)
                        + ".5}]}");
            }
        } else if (path.equals("/v1/boards/music/periods/2024-W19")) {
            LAST.put("page", path + "?" + query);
            LAST.put("page-accept", String.valueOf(accept));
            if (accept != null && accept.contains("text/csv")) {
                exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=UTF-8");
                exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"music-2024-W19.csv\"");
                exchange.sendResponseHeaders(200, CSV.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(CSV);
                }
            } else if (accept == null || accept.contains("json") || accept.contains("*/*")) {
                send(exchange, 200, PAGE);
            } else {
                problem(exchange, 406, "not-acceptable", "answers application/json or text/csv");
            }
        } else if (path.equals("/v1/boards/music/periods/2024-W19/search")) {
            String q = URLDecoder.decode(query.replaceAll(".*\\bq=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            LAST.put("search", query);
            send(exchange, 200, "{\"boardId\":\"music\",\"period\":\"2024-W19\",\"query\":\"" + q + "\",\"total\":1,"
                    + "\"entries\":[{\"rank\":1,\"entityId\":\"song-1\",\"name\":\"青花瓷\"}]}");
        } else if (path.equals("/v1/catalog/mine")) {
            send(exchange, 200, MINE);
        } else if (path.equals("/v1/weight-profiles")) {
            send(exchange, 200, PROFILES);
        } else if (path.equals("/v1/boards/music/periods/2024-W19/simulate")) {
            LAST.put("simulate", new String(body, StandardCharsets.UTF_8));
            send(exchange, 200, "{\"boardId\":\"music\",\"period\":\"2024-W19\",\"given\":[\"E1\"],\"entries\":[]}");
        } else {
            problem(exchange, 404, "not-found", "nothing here");
        }
    }

    private static void problem(HttpExchange exchange, int status, String type, String detail) throws IOException {
        byte[] body = ("{\"type\":\"https://caimei.io/problems/" + type + "\",\"title\":\"t\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
