package io.caimei.common.security;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Ahead of OIDC on the API paths: a bearer token this service verified before gets its identity from
 * {@link VerifiedTokenCache}; any other request yields no identity here, and the OIDC mechanism verifies it as
 * always (and answers the challenge). Dashboard paths (session cookies) are left to OIDC entirely.
 */
@ApplicationScoped
@Priority(1)
public class VerifiedTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    private final VerifiedTokenCache cache;

    public VerifiedTokenMechanism(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String path = context.normalizedPath();
        if (!(path.startsWith("/api/") || path.startsWith("/v1/"))) {
            return Uni.createFrom().nullItem();
        }
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        SecurityIdentity known = cache.tokens().get(header.substring(BEARER.length()).strip());
        if (known == null) {
            return Uni.createFrom().nullItem();
        }
        // the identity is shared between requests: a copy bound to this request's routing context
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(known)
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, context)
                .addAttribute(RoutingContext.class.getName(), context).build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // tried before OIDC's mechanism (default priority 1000, bearer)
        return 3000;
    }
}
