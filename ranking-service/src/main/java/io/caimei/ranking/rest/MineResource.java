package io.caimei.ranking.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caimei.common.security.BreakdownAccess;
import io.caimei.ranking.mapping.OwnCampaign;
import io.caimei.ranking.service.CatalogService;
import io.quarkus.security.identity.SecurityIdentity;

/** The caller's own campaigns: those whose catalog owner is its advertiser id, as {@code BreakdownAccess} reads it. */
@Path("/v1/catalog/mine")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
public class MineResource {

    private final CatalogService catalog;
    private final SecurityIdentity identity;

    public MineResource(CatalogService catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    /** Empty for a caller that is no advertiser with the claim (analysts, admins, a user not yet assigned). */
    @GET
    public List<OwnCampaign> mine() {
        return BreakdownAccess.advertiserId(identity)
                .map(advertiser -> catalog.campaignsOf(advertiser).stream()
                        .map(e -> new OwnCampaign(e.id(), e.name(), e.type().name())).toList())
                .orElse(List.of());
    }
}
