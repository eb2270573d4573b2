package io.caimei.ranking.rest;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.caimei.common.rest.Problems;

/** What-if scoring that is down, slow or behind an open breaker answers 503 problem+json, never a bare 500. */
public class ScoringUnavailableMapper {

    @ServerExceptionMapper({ CircuitBreakerOpenException.class, TimeoutException.class })
    public Response unavailable() {
        Response r = Problems.response(503, "backend-unavailable", "Service temporarily unavailable",
                "the scoring service did not answer; retry shortly", null);
        return Response.fromResponse(r).header("Retry-After", "5").build();
    }
}
