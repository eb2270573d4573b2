package io.caimei.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caimei.gateway.service.AuditLog;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the audit line of every 401, 403 and 429 the gateway answers, whoever produced it: a Vert.x filter sees
 * the final status of answers made outside JAX-RS (OIDC, HTTP permissions) as much as of resource methods.
 */
@ApplicationScoped
public class AuditFilter {

    /** Routing-context key under which {@link AuditReasonFilter} leaves the problem type of a JAX-RS answer. */
    static final String REASON = "caimei.audit.reason";

    /** Runs before the security handlers, so their refusals pass through it too. */
    private static final int PRIORITY = 30_000;

    private final AuditLog audit;

    public AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    void register(@Observes Filters filters) {
        filters.register(this::observe, PRIORITY);
    }

    private void observe(RoutingContext ctx) {
        // the headers-end handler runs once the status is final and before the client can see the answer
        ctx.addHeadersEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            if (status == 401 || status == 403 || status == 429) {
                audit.denied(status, ctx.request().method().name(), ctx.request().path(), who(ctx),
                        reason(ctx, status), remote(ctx));
            }
        });
        ctx.next();
    }

    private static AuditLog.Who who(RoutingContext ctx) {
        // set by Quarkus once the (lazy) authentication succeeded; absent for anonymous callers and failed tokens
        return ctx.user() instanceof QuarkusHttpUser user ? AuditLog.Who.of(user.getSecurityIdentity())
                : AuditLog.Who.of(null);
    }

    private static String reason(RoutingContext ctx, int status) {
        Object reason = ctx.get(REASON);
        if (reason instanceof String s) {
            return s;
        }
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> "rate-limited";
        };
    }

    private static String remote(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }
}
