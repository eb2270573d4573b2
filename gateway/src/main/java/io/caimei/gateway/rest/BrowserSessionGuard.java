package io.caimei.gateway.rest;

import java.net.URI;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caimei.common.rest.Problems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the dashboard's session cookie from authorizing anything but the dashboard (CSRF): outside {@code /} and
 * {@code /ui/*} cookies are dropped before authentication, so {@code /api/*} is bearer-only whatever a browser sends;
 * on the dashboard paths a state-changing method must come from the dashboard's own origin.
 */
@ApplicationScoped
public class BrowserSessionGuard {

    /** Ahead of CORS (300) and authentication (200), so no mechanism ever sees the dropped cookies. */
    static final int PRIORITY = 400;
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    void register(@Observes Filters filters) {
        filters.register(this::guard, PRIORITY);
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!isDashboardPath(path)) {
            ctx.request().headers().remove(HttpHeaders.COOKIE);
        } else if (!SAFE.contains(ctx.request().method()) && !sameOrigin(ctx)) {
            ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .end("{\"type\":\"" + Problems.TYPE_BASE + "cross-origin-request\",\"title\":\"Forbidden\","
                            + "\"status\":403,\"detail\":\"the dashboard accepts changes only from its own pages\"}");
            return;
        }
        ctx.next();
    }

    static boolean isDashboardPath(String path) {
        return "/".equals(path) || path.startsWith("/ui/");
    }

    /**
     * The browser says where the request comes from: {@code Sec-Fetch-Site} when it sends it, else {@code Origin},
     * which must name this host as the request reached it (the Ingress keeps the Host header).
     */
    private static boolean sameOrigin(RoutingContext ctx) {
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        if (site != null) {
            return "same-origin".equals(site);
        }
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        String host = ctx.request().getHeader(HttpHeaders.HOST);
        if (origin == null || host == null) {
            return false;
        }
        try {
            return host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
