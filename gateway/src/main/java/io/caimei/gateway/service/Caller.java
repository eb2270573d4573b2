package io.caimei.gateway.service;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.caimei.common.security.BreakdownAccess;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: the token to propagate to backends, roles, the advertiser claim, a rate-limit key. */
@RequestScoped
public class Caller {

    public static final String ADVERTISER_CLAIM = BreakdownAccess.ADVERTISER_CLAIM;

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** {@code Bearer <access token>} for bearer callers and dashboard sessions alike. */
    public String bearer() {
        AccessTokenCredential c = identity.getCredential(AccessTokenCredential.class);
        return c == null ? null : "Bearer " + c.getToken();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    /** True for analyst and admin, who may see any entity's breakdown. */
    public boolean isInternal() {
        return BreakdownAccess.seesEverything(identity);
    }

    public Optional<String> advertiserId() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object v = jwt.getClaim(ADVERTISER_CLAIM);
            return v == null ? Optional.empty() : Optional.of(v.toString().replace("\"", ""));
        }
        return Optional.empty();
    }

    /**
     * The unit a rate limit counts: the token's subject, which is the user for a person's token and the client's
     * service account (one fixed subject per client) for a client-credentials token; the principal's name when the
     * token has no subject.
     */
    public String rateLimitKey() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    public SecurityIdentity identity() {
        return identity;
    }
}
