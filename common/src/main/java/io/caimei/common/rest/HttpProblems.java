package io.caimei.common.rest;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.caimei.common.json.JsonProblems;

/**
 * The REST layer's own errors as problem+json in every service: unreadable JSON bodies (400 {@code malformed-json}),
 * parameters that do not convert (400 {@code invalid-parameter}), and every bare {@link WebApplicationException}
 * (404, 405 with its Allow header, 406, 413, 415 ...) with its status and headers kept. An exception that already
 * carries a body, or a status below 400, is answered as it is.
 */
public class HttpProblems {

    private static final Logger LOG = Logger.getLogger(HttpProblems.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ResourceInfo resource, UriInfo uri,
            HttpHeaders headers, ServerRequestContext request) {
        if (e instanceof ResteasyReactiveClientProblem) {
            // a REST client's answer must not leak its status to our caller: a 500, as without this mapper
            LOG.error("a call to another service failed", e);
            return Problems.response(500, Problems.typeOf(500), Problems.titleOf(500), Problems.detailOf(500), null);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400 || original.hasEntity()) {
            return original;
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return Problems.response(JsonProblems.of(json));
        }
        if ((e instanceof NotFoundException || e instanceof BadRequestException) && e.getCause() != null) {
            // the REST layer failed to convert a parameter (it says 404 for path and query ones, as JAX-RS asks)
            Optional<String> named = named(resource, uri, headers);
            if (named.isPresent() || e instanceof NotFoundException) {
                return Problems.response(400, "invalid-parameter", "Invalid parameter",
                        named.orElse("a path or query parameter has a value of the wrong type"), null);
            }
        }
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        boolean addAllow = status == 405 && allow == null;
        if (addAllow) {
            allow = AllowedMethods.at(request).orElse(null);
        }
        String detail = status == 405 && allow != null ? "this path serves only " + allow : Problems.detailOf(status);
        Response.ResponseBuilder out = Response.fromResponse(
                Problems.response(status, Problems.typeOf(status), Problems.titleOf(status), detail, null));
        for (Map.Entry<String, List<Object>> h : original.getHeaders().entrySet()) {
            if (!h.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                    && !h.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                h.getValue().forEach(v -> out.header(h.getKey(), v));
            }
        }
        if (addAllow && allow != null) {
            out.header(HttpHeaders.ALLOW, allow);
        }
        return out.build();
    }

    /** Ahead of Quarkus' own mapper of this type, which answers 400 with nothing or, in tests, with class names. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e) {
        return Problems.response(JsonProblems.of(e));
    }

    private static Optional<String> named(ResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        return ParameterProblems.find(method, (where, name) -> switch (where) {
            case "query" -> uri.getQueryParameters(true).get(name);
            case "path" -> uri.getPathParameters(true).get(name);
            case "header" -> headers.getRequestHeader(name);
            case "cookie" -> {
                Cookie c = headers.getCookies().get(name);
                yield c == null ? null : List.of(c.getValue());
            }
            default -> null;
        });
    }
}
