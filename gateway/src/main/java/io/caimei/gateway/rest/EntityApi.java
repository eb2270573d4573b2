package io.caimei.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.caimei.gateway.client.Backends;
import io.caimei.gateway.mapping.ApiSchemas;
import io.caimei.gateway.service.Caller;
import io.caimei.gateway.service.Tenancy;

/** An entity's raw indicators and factor breakdown, for internal teams and the owning advertiser. */
@Path("/api/v1/entities/{entityId}/periods/{period}/explanation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
@RateLimited
public class EntityApi {

    private final Backends backends;
    private final Caller caller;
    private final Tenancy tenancy;

    public EntityApi(Backends backends, Caller caller, Tenancy tenancy) {
        this.backends = backends;
        this.caller = caller;
        this.tenancy = tenancy;
    }

    @GET
    @Operation(summary = "Raw indicators and every C, D and E node's contribution to S",
            description = "Analysts and admins for any entity; an advertiser for its own campaigns only.")
    @APIResponse(responseCode = "200",
            description = "The explanation, each node labelled (Chinese and English) with its parent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.Explanation.class)))
    @APIResponse(responseCode = "400", description = "Bad entity id or period")
    @APIResponse(responseCode = "403",
            description = "Not allowed: the roles do not allow it, or the entity is not the advertiser's campaign")
    @APIResponse(responseCode = "404", description = "Nothing counted for the entity in the period")
    public Response explanation(@Parameter(description = ApiDocs.ENTITY) @PathParam("entityId") String entity,
            @Parameter(description = ApiDocs.PERIOD) @PathParam("period") String period) {
        PathParams.entityId(entity);
        PathParams.period(period);
        tenancy.requireBreakdownAccess(entity);
        return Relay.of(backends.scoringRead(s -> s.explanation(caller.bearer(), entity, period)));
    }
}
