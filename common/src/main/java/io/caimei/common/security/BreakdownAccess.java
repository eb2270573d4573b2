package io.caimei.common.security;

import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.caimei.common.rest.Problem;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The one tenancy rule for raw values, breakdowns and catalog owners: analysts and admins see any entity; an
 * advertiser (claim {@code advertiser_id}) sees only CAMPAIGN entities whose catalog owner is its advertiser id.
 * Every refusal is the same 403 {@code not-your-campaign}, whether the entity exists or not, so nothing about
 * another advertiser's campaigns can be inferred. The gateway, ranking and scoring all apply it.
 */
public final class BreakdownAccess {

    /** The token claim naming the advertiser an advertiser's account belongs to. */
    public static final String ADVERTISER_CLAIM = "advertiser_id";
    /** The only entity type an advertiser may own. */
    public static final String CAMPAIGN = "CAMPAIGN";

    private BreakdownAccess() {
    }

    /** True for analysts and admins, who may see any entity: no catalog lookup is needed for them. */
    public static boolean seesEverything(SecurityIdentity identity) {
        return identity != null && !identity.isAnonymous()
                && (identity.hasRole(Roles.ANALYST) || identity.hasRole(Roles.ADMIN));
    }

    /** The caller's advertiser id from its token, if it is an advertiser with the claim. */
    public static Optional<String> advertiserId(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !identity.hasRole(Roles.ADVERTISER)
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        Object claim = jwt.getClaim(ADVERTISER_CLAIM);
        // a JSON string claim may come back as a JsonString whose toString() keeps the quotes
        String id = claim == null ? "" : claim.toString().replace("\"", "").strip();
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /**
     * Allows the call or throws the 403 {@code not-your-campaign} problem.
     *
     * @param type the entity's catalog type (e.g. {@code CAMPAIGN}); null when the catalog does not know it
     * @param owner the entity's catalog owner; null when it has none or the entity is unknown
     */
    public static void require(SecurityIdentity identity, String type, String owner) {
        if (seesEverything(identity)) {
            return;
        }
        String advertiser = advertiserId(identity).orElseThrow(BreakdownAccess::notYourCampaign);
        if (!CAMPAIGN.equals(type) || !advertiser.equals(owner)) {
            throw notYourCampaign();
        }
    }

    /** The one refusal: identical for another advertiser's campaign, a non-campaign and an unknown id. */
    public static Problem notYourCampaign() {
        return new Problem(403, "not-your-campaign", "Forbidden",
                "advertisers may see breakdowns of their own campaigns only");
    }
}
