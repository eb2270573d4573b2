package io.caimei.scoring.rest;

import io.caimei.common.rest.Problem;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caimei.scoring.mapping.Explanation;
import io.caimei.scoring.service.ExplanationService;

/** Raw indicators and every node's contribution for one entity and period. */
@Path("/v1/entities/{entityId}/periods/{period}/explanation")
@Produces(MediaType.APPLICATION_JSON)
public class ExplanationResource {

    private final ExplanationService explanations;

    public ExplanationResource(ExplanationService explanations) {
        this.explanations = explanations;
    }

    @GET
    @RolesAllowed({ "analyst", "admin", "advertiser" })
    public Explanation explain(@PathParam("entityId") String entityId, @PathParam("period") String period) {
        Validation.period(period);
        Validation.entityId(entityId);
        return explanations.explain(entityId, period)
                .orElseThrow(() -> new Problem(404, "not-found", "No data",
                        "nothing has been counted for " + entityId + " in " + period));
    }
}
