package io.caimei.ranking.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.caimei.ranking.mapping.OwnCampaign;
import io.caimei.ranking.service.CatalogService;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller's own campaigns: those whose catalog owner is the token's {@code advertiser_id} claim. */
@Path("/v1/catalog/mine")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
public class MineResource {

    /** The token claim naming the advertiser a user belongs to. */
    static final String ADVERTISER_CLAIM = "advertiser_id";

    private final CatalogService catalog;
    private final SecurityIdentity identity;

    public MineResource(CatalogService catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    /** Empty for a caller without the claim (analysts, admins, an advertiser user not yet assigned). */
    @GET
    public List<OwnCampaign> mine() {
        String advertiser = advertiserId();
        if (advertiser.isEmpty()) {
            return List.of();
        }
        return catalog.campaignsOf(advertiser).stream()
                .map(e -> new OwnCampaign(e.id(), e.name(), e.type().name())).toList();
    }

    private String advertiserId() {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return "";
        }
        Object claim = jwt.getClaim(ADVERTISER_CLAIM);
        // a JSON string claim may come back as a JsonString whose toString() keeps the quotes
        return claim == null ? "" : claim.toString().replace("\"", "").strip();
    }
}
