package io.caimei.common.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Writes {@link Problem}s as application/problem+json in every service that has this jar. */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {

    @Override
    public Response toResponse(Problem p) {
        return Problems.response(p);
    }
}
