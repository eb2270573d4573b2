package io.caimei.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Which verified identities are remembered for the next request with the same bearer token. */
class VerifiedTokenCacheTest {

    /** A verified token's claims, as OIDC hands them to the augmentors. */
    private record Jwt(String rawToken, long exp) implements JsonWebToken {

        @Override
        public String getName() {
            return "analyst-1";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of(Claims.raw_token.name(), Claims.exp.name());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            Map<String, Object> claims = Map.of(Claims.raw_token.name(), rawToken, Claims.exp.name(), exp);
            return (T) claims.get(name);
        }
    }

    private final VerifiedTokenCache cache = new VerifiedTokenCache();

    private static long inTenMinutes() {
        return Instant.now().getEpochSecond() + 600;
    }

    private static SecurityIdentity identity(String raw, long exp, String credentialType) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new Jwt(raw, exp)).addRole("analyst")
                .addCredential(new TokenCredential(raw, credentialType)).build();
    }

    private SecurityIdentity augment(SecurityIdentity identity) {
        return cache.augment(identity, null).await().indefinitely();
    }

    @Test
    void anIdentityFromABearerTokenIsRememberedForThatToken() {
        SecurityIdentity analyst = identity("token-a", inTenMinutes(), VerifiedTokenCache.BEARER);
        assertSame(analyst, augment(analyst), "the augmentor never changes the identity");
        assertSame(analyst, cache.tokens().get("token-a"));
        assertNull(cache.tokens().get("token-b"), "another token is verified in full");
    }

    @Test
    void aDashboardSessionsIdTokenIsNotRemembered() {
        augment(identity("id-token", inTenMinutes(), "id_token"));
        assertNull(cache.tokens().get("id-token"));
        assertEquals(0, cache.tokens().size());
    }

    @Test
    void aCredentialThatIsNotTheVerifiedTokenIsNotRemembered() {
        SecurityIdentity mixed = QuarkusSecurityIdentity.builder().setPrincipal(new Jwt("verified", inTenMinutes()))
                .addCredential(new TokenCredential("something-else", VerifiedTokenCache.BEARER)).build();
        augment(mixed);
        assertNull(cache.tokens().get("something-else"));
    }

    @Test
    void aTokenWithoutExpiryIsNotRemembered() {
        augment(identity("forever", 0, VerifiedTokenCache.BEARER));
        assertNull(cache.tokens().get("forever"));
    }

    @Test
    void anAnonymousCallerIsPassedThroughUntouched() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        assertSame(anonymous, augment(anonymous));
        assertEquals(0, cache.tokens().size());
    }
}
