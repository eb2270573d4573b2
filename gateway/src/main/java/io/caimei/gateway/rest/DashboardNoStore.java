package io.caimei.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The dashboard's data answers are a signed-in user's view: {@code Cache-Control: no-store}, so neither a shared
 * cache nor the browser's disk keeps them after sign-out (the public API keeps its own caching headers).
 */
public class DashboardNoStore {

    @ServerResponseFilter
    public void noStore(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith("/ui/")) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
