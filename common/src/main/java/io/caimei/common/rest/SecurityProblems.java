package io.caimei.common.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Refusals of the security layer as problem+json in every service, the backends as much as the gateway (a caller
 * that reaches a backend directly learns no more and no less than through the gateway).
 */
public class SecurityProblems {

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized() {
        Response r = Problems.response(401, "unauthorized", "Authentication required",
                "send a valid bearer token from the caimei realm", null);
        return Response.fromResponse(r).header("WWW-Authenticate", "Bearer realm=\"caimei\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "forbidden", "Forbidden", "your roles do not allow this request", null);
    }
}
