package io.caimei.gateway.rest;

import jakarta.ws.rs.core.Response;

/** Copies a backend's answer (status, type, caching and Retry-After headers, body) to the caller unchanged. */
final class Relay {

    private static final String[] HEADERS = { "Retry-After", "ETag", "Cache-Control" };

    private Relay() {
    }

    static Response of(Response backend) {
        try (backend) {
            Response.ResponseBuilder out = Response.status(backend.getStatus());
            if (backend.getMediaType() != null) {
                out.type(backend.getMediaType());
            }
            for (String h : HEADERS) {
                String v = backend.getHeaderString(h);
                if (v != null) {
                    out.header(h, v);
                }
            }
            if (backend.hasEntity()) {
                out.entity(backend.readEntity(byte[].class));
            }
            return out.build();
        }
    }
}
