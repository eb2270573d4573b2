package io.caimei.gateway.rest;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.caimei.common.rest.Problems;
import io.caimei.gateway.client.BackendUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every gateway error as application/problem+json with a stable type URI and no internal class names. The errors
 * every service shares (unknown paths 404, wrong methods 405, bad parameters, unreadable JSON, 406, 415) come from
 * {@code io.caimei.common.rest.HttpProblems} and {@code RouteProblems}. A path no route serves answers 404 before
 * any authentication, with or without a token: there is nothing to protect there, and the route list is public
 * anyway (/openapi), so asking for a token first would only hide a typo behind a 401.
 */
public class ProblemMappers {

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized() {
        Response r = build(401, "unauthorized", "Authentication required",
                "send a valid bearer token from the caimei realm");
        return Response.fromResponse(r).header("WWW-Authenticate", "Bearer realm=\"caimei\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return build(403, "forbidden", "Forbidden", "your roles do not allow this request");
    }

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
