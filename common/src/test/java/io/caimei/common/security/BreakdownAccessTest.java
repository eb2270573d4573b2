package io.caimei.common.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.caimei.common.rest.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Who may see an entity's raw values and breakdown: the one rule the gateway, ranking and scoring apply. */
class BreakdownAccessTest {

    /** A verified token with the claims the realm puts in it. */
    private record Jwt(String name, Map<String, Object> claims) implements JsonWebToken {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claim) {
            return (T) claims.get(claim);
        }
    }

    private static SecurityIdentity caller(String role, Object advertiserId) {
        Map<String, Object> claims = new HashMap<>();
        if (advertiserId != null) {
            claims.put(BreakdownAccess.ADVERTISER_CLAIM, advertiserId);
        }
        return QuarkusSecurityIdentity.builder().setPrincipal(new Jwt("user-" + role, claims)).addRole(role).build();
    }

    private static Problem refusal(SecurityIdentity identity, String type, String owner) {
        return assertThrows(Problem.class, () -> BreakdownAccess.require(identity, type, owner));
    }

    @Test
    void analystsAndAdminsSeeAnyEntityKnownOrNot() {
        for (String role : new String[] { Roles.ANALYST, Roles.ADMIN }) {
            SecurityIdentity internal = caller(role, null);
            assertDoesNotThrow(() -> BreakdownAccess.require(internal, "CAMPAIGN", "adv-tourism"), role);
            assertDoesNotThrow(() -> BreakdownAccess.require(internal, "MUSIC", null), role);
            assertDoesNotThrow(() -> BreakdownAccess.require(internal, null, null), role + ": an unknown id too");
            assertEquals(true, BreakdownAccess.seesEverything(internal), role);
        }
    }

    @Test
    void anAdvertiserSeesItsOwnCampaign() {
        SecurityIdentity brand = caller(Roles.ADVERTISER, "adv-brand");
        assertDoesNotThrow(() -> BreakdownAccess.require(brand, "CAMPAIGN", "adv-brand"));
        assertEquals(false, BreakdownAccess.seesEverything(caller(Roles.ADVERTISER, "adv-brand")));
    }

    @Test
    void anotherAdvertisersCampaignAndAMissingIdGetTheSame403NotYourCampaign() {
        SecurityIdentity brand = caller(Roles.ADVERTISER, "adv-brand");
        Problem foreign = refusal(brand, "CAMPAIGN", "adv-tourism");
        Problem missing = refusal(brand, null, null);
        assertEquals(403, foreign.status());
        assertEquals("not-your-campaign", foreign.type());
        assertEquals(foreign.status(), missing.status());
        assertEquals(foreign.type(), missing.type());
        assertEquals(foreign.title(), missing.title());
        assertEquals(foreign.getMessage(), missing.getMessage(), "nothing tells a campaign from a missing one");
    }

    @Test
    void anAdvertiserIsRefusedAnEntityThatIsNotACampaignEvenWithItsOwnerSet() {
        SecurityIdentity brand = caller(Roles.ADVERTISER, "adv-brand");
        assertEquals("not-your-campaign", refusal(brand, "ACCOUNT", "adv-brand").type());
        assertEquals("not-your-campaign", refusal(brand, "MUSIC", null).type());
    }

    @Test
    void anAdvertiserWithoutTheClaimOrWithAnEmptyOneSeesNothing() {
        assertEquals("not-your-campaign", refusal(caller(Roles.ADVERTISER, null), "CAMPAIGN", "adv-brand").type());
        assertEquals("not-your-campaign", refusal(caller(Roles.ADVERTISER, " "), "CAMPAIGN", " ").type());
    }

    @Test
    void theClaimIsReadWhetherItArrivesAsAPlainOrAQuotedJsonString() {
        SecurityIdentity quoted = caller(Roles.ADVERTISER, "\"adv-brand\"");
        assertEquals("adv-brand", BreakdownAccess.advertiserId(quoted).orElseThrow());
        assertDoesNotThrow(() -> BreakdownAccess.require(quoted, "CAMPAIGN", "adv-brand"));
    }

    @Test
    void theIngestRoleOrAnAnonymousCallerSeesNoBreakdownEvenWithAnAdvertiserClaim() {
        SecurityIdentity ingest = caller(Roles.INGEST, "adv-brand");
        assertEquals("not-your-campaign", refusal(ingest, "CAMPAIGN", "adv-brand").type());
        assertEquals("not-your-campaign", refusal(QuarkusSecurityIdentity.builder().setAnonymous(true).build(),
                "CAMPAIGN", "adv-brand").type());
        assertEquals("not-your-campaign", refusal(null, "CAMPAIGN", "adv-brand").type());
    }
}
