package io.caimei.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.caimei.common.rest.Problem;
import io.caimei.gateway.client.BackendUnavailableException;
import io.smallrye.mutiny.Uni;

/**
 * Copies a backend's answer (status, type, caching, Retry-After and Content-Disposition headers, body) to the caller
 * unchanged.
 */
final class Relay {

    private static final String[] HEADERS = { "Retry-After", "ETag", "Cache-Control", "Content-Disposition", "Vary" };

    private Relay() {
    }

    /**
     * The same for a non-blocking call: a transport failure that survived the retries (connection refused, reset)
     * is a 503 like its blocking twin's {@code ProcessingException}, never a 500.
     */
    static Uni<Response> of(Uni<Response> backend, String name) {
        return backend.map(Relay::of).onFailure(e -> !(e instanceof WebApplicationException || e instanceof Problem))
                .transform(e -> e instanceof BackendUnavailableException ? e : new BackendUnavailableException(name));
    }

    static Response of(Response backend) {
        try (backend) {
            Response.ResponseBuilder out = Response.status(backend.getStatus());
            // the header as the backend wrote it ("text/csv; charset=UTF-8"), not re-serialized from a MediaType
            String type = backend.getHeaderString(HttpHeaders.CONTENT_TYPE);
            if (type != null) {
                out.header(HttpHeaders.CONTENT_TYPE, type);
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
