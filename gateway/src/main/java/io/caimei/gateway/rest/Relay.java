package io.caimei.gateway.rest;

import jakarta.ws.rs.core.Response;

/** Copies a backend's answer (status, type, Retry-After, body) to the caller unchanged. */
final class Relay {

    private Relay() {
    }

    static Response of(Response backend) {
        try (backend) {
            Response.ResponseBuilder out = Response.status(backend.getStatus());
            if (backend.getMediaType() != null) {
                out.type(backend.getMediaType());
            }
            String retryAfter = backend.getHeaderString("Retry-After");
            if (retryAfter != null) {
                out.header("Retry-After", retryAfter);
            }
            if (backend.hasEntity()) {
                out.entity(backend.readEntity(byte[].class));
            }
            return out.build();
        }
    }
}
