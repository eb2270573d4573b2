package io.caimei.ingest.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.caimei.ingest.mapping.ParseException;
import io.caimei.ingest.service.EventProducer.DeliveryFailedException;

/** Maps ingest failures to RFC 9457 problems with stable types and no internal class names. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response problem(Problem p) {
        return build(p.status(), p.type(), p.title(), p.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unparseable(ParseException e) {
        return build(400, "unparseable-body", "Nothing could be parsed", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response undelivered(DeliveryFailedException e) {
        Response r = build(503, "kafka-unavailable", "Events not accepted",
                "the events could not be stored durably; nothing was accepted, retry the same batch", null);
        return Response.fromResponse(r).header("Retry-After", "5").build();
    }

    static Response build(int status, String type, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://caimei.io/problems/" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (extra != null) {
            body.putAll(extra);
        }
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
