package io.caimei.scoring.rest;

import io.caimei.common.rest.Problem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.caimei.scoring.mapping.Explanation;
import io.caimei.scoring.service.ExplanationService;
import io.caimei.scoring.service.Tenancy;

/**
 * Raw indicators and every node's contribution for one entity and period: analysts and admins for any entity, an
 * advertiser for its own campaigns only (checked here too, since the service is reachable without the gateway).
 */
@Path("/v1/entities/{entityId}/periods/{period}/explanation")
@Produces(MediaType.APPLICATION_JSON)
public class ExplanationResource {

    private final ExplanationService explanations;
    private final Tenancy tenancy;

    public ExplanationResource(ExplanationService explanations, Tenancy tenancy) {
        this.explanations = explanations;
        this.tenancy = tenancy;
    }

    @GET
    @RolesAllowed({ "analyst", "admin", "advertiser" })
    public Explanation explain(@PathParam("entityId") String entityId, @PathParam("period") String period,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer) {
        Validation.period(period);
        Validation.entityId(entityId);
        tenancy.requireBreakdownAccess(bearer, entityId);
        return explanations.explain(entityId, period)
                .orElseThrow(() -> new Problem(404, "not-found", "No data",
                        "nothing has been counted for " + entityId + " in " + period));
    }
}
