package io.caimei.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a dashboard session that Keycloak ended ({@link SignedOutSessions}) and drops its cookie: the page goes to
 * the signed-out page (from where signing in starts afresh), the page's own data calls get 401. Bearer identities
 * have no session and pass untouched.
 */
@ApplicationScoped
public class SignedOutSessionCheck implements SecurityIdentityAugmentor {

    static final String SIGNED_OUT_PAGE = "/signed-out.html";

    private final SignedOutSessions sessions;

    public SignedOutSessionCheck(SignedOutSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return SignedOutSessions.sessionId(identity)
                .map(sid -> sessions.isSignedOut(sid).onItem().transform(out -> {
                    if (out) {
                        refuse(identity);
                    }
                    return identity;
                }))
                .orElseGet(() -> Uni.createFrom().item(identity));
    }

    private static void refuse(SecurityIdentity identity) {
        RoutingContext ctx = identity.getAttribute(RoutingContext.class.getName());
        if (ctx == null) {
            throw new AuthenticationFailedException("the Keycloak session has ended");
        }
        for (Cookie c : ctx.request().cookies()) {
            if (c.getName().startsWith("q_session")) {
                ctx.response().addCookie(Cookie.cookie(c.getName(), "").setPath("/").setMaxAge(0));
            }
        }
        if (ctx.normalizedPath().startsWith("/ui/api/")) {
            throw new AuthenticationFailedException("the Keycloak session has ended");
        }
        throw new AuthenticationRedirectException(302, SIGNED_OUT_PAGE);
    }
}
