package io.caimei.gateway.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.caimei.gateway.client.BackendAnswerException;

/** Writes a backend's buffered refusal to the caller exactly as the backend sent it (the relay's rule). */
public class BackendAnswerMapper {

    @ServerExceptionMapper
    public Response relay(BackendAnswerException e) {
        Response.ResponseBuilder out = Response.status(e.status());
        if (e.mediaType() != null) {
            out.type(e.mediaType());
        }
        if (e.retryAfter() != null) {
            out.header("Retry-After", e.retryAfter());
        }
        if (e.body() != null) {
            out.entity(e.body());
        }
        return out.build();
    }
}
