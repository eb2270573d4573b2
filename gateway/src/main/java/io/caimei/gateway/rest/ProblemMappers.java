package io.caimei.gateway.rest;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.caimei.common.rest.Problems;
import io.caimei.gateway.client.BackendUnavailableException;

/**
 * Every gateway error as application/problem+json with a stable type URI and no internal class names. 401 and 403
 * come from {@code io.caimei.common.rest.SecurityProblems}; the errors
 * every service shares (unknown paths 404, wrong methods 405, bad parameters, unreadable JSON, 406, 415) come from
 * {@code io.caimei.common.rest.HttpProblems} and {@code RouteProblems}. A path no route serves answers 404 before
 * any authentication, with or without a token: there is nothing to protect there, and the route list is public
 * anyway (/openapi), so asking for a token first would only hide a typo behind a 401.
 */
public class ProblemMappers {

    @ServerExceptionMapper({ BackendUnavailableException.class, TimeoutException.class,
            CircuitBreakerOpenException.class, ProcessingException.class })
    public Response unavailable() {
        Response r = build(503, "backend-unavailable", "Service temporarily unavailable",
                "a backend service did not answer; retry shortly");
        return Response.fromResponse(r).header("Retry-After", "5").build();
    }

    static Response build(int status, String type, String title, String detail) {
        return Problems.response(status, type, title, detail, null);
    }
}
