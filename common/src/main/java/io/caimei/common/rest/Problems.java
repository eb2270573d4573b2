package io.caimei.common.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** Builds application/problem+json answers with stable type URIs and nothing internal in them. */
public final class Problems {

    public static final String TYPE_BASE = "https://caimei.io/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response response(int status, String type, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (extra != null) {
            body.putAll(extra);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    /**
     * A store the request needs (Redis, PostgreSQL, Kafka) is unreachable: 503 with Retry-After, and the detail
     * says nothing was changed so the client knows a retry of the same request is safe.
     */
    public static Problem unavailable(String store) {
        return new Problem(503, "dependency-unavailable", "Service temporarily unavailable",
                store + " is not reachable right now; nothing was changed, retry the same request").retryAfter(2);
    }

    public static Response response(Problem p) {
        Response r = response(p.status(), p.type(), p.title(), p.getMessage(), null);
        return p.retryAfterSeconds() == null ? r
                : Response.fromResponse(r).header("Retry-After", p.retryAfterSeconds()).build();
    }
}
