package io.caimei.common.security;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Remembers each identity that was built from a bearer access token (the last augmentor, so roles are final), for
 * {@link VerifiedTokenMechanism}. Identities of dashboard sessions (built from an ID token) are not kept.
 */
@ApplicationScoped
public class VerifiedTokenCache implements SecurityIdentityAugmentor {

    static final String BEARER = "bearer";

    private final VerifiedTokens tokens = new VerifiedTokens(Clock.systemUTC());

    VerifiedTokens tokens() {
        return tokens;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        for (TokenCredential c : identity.getCredentials().stream().filter(TokenCredential.class::isInstance)
                .map(TokenCredential.class::cast).toList()) {
            if (BEARER.equals(c.getType()) && c.getToken() != null && c.getToken().equals(jwt.getRawToken())
                    && jwt.getExpirationTime() > 0) {
                tokens.put(c.getToken(), identity, jwt.getExpirationTime());
            }
        }
        return Uni.createFrom().item(identity);
    }
}
