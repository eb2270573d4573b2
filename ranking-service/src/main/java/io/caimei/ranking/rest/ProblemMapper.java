package io.caimei.ranking.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes {@link Problem}s as application/problem+json. */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {

    @Override
    public Response toResponse(Problem p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://caimei.io/problems/" + p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.getMessage());
        return Response.status(p.status()).type("application/problem+json").entity(body).build();
    }
}
