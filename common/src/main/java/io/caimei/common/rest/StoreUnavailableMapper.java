package io.caimei.common.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a request that met an unreachable store with 503 problem+json and {@code Retry-After}. */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {

    @Override
    public Response toResponse(StoreUnavailableException e) {
        return Problems.response(Problems.unavailable(e.store()));
    }
}
