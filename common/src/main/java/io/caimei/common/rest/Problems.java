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

    /** The stable type slug of an HTTP error the framework raised itself, e.g. 415 → unsupported-media-type. */
    public static String typeOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 411 -> "length-required";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 431 -> "headers-too-large";
            case 500 -> "internal-error";
            case 503 -> "service-unavailable";
            default -> "http-" + status;
        };
    }

    /** The title for such an error: the status's reason phrase. */
    public static String titleOf(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status >= 500 ? "Server error" : "Request refused";
    }

    /** What the client should know about such an error, in words that name nothing internal. */
    public static String detailOf(int status) {
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "nothing is served at this path";
            case 405 -> "this path does not serve that method; the Allow header lists those it does";
            case 406 -> "this route cannot answer in a media type the Accept header allows";
            case 411 -> "this route needs a Content-Length";
            case 413 -> "the request body is larger than this route accepts";
            case 414 -> "the request URI is longer than this service accepts";
            case 415 -> "this route does not take a body of the request's Content-Type";
            case 431 -> "the request headers are larger than this service accepts";
            default -> status >= 500 ? "the request failed on the server; nothing internal is shown here"
                    : "the request was refused";
        };
    }
}
