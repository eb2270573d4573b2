package io.caimei.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.caimei.gateway.client.Backends;
import io.caimei.gateway.mapping.ApiSchemas;
import io.caimei.gateway.service.Caller;

/** What belongs to the caller: its advertiser's campaigns. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "advertiser", "analyst", "admin" })
@RateLimited
public class MeApi {

    private final Backends backends;
    private final Caller caller;

    public MeApi(Backends backends, Caller caller) {
        this.backends = backends;
        this.caller = caller;
    }

    @GET
    @Path("/campaigns")
    @Operation(summary = "The campaigns of the caller's advertiser (token claim advertiser_id); empty without one")
    @APIResponse(responseCode = "200", description = "The caller's campaigns",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.OwnCampaign.class),
                    examples = @ExampleObject(name = "campaigns", value = ApiDocs.CAMPAIGNS_EXAMPLE)))
    public Response campaigns() {
        return Relay.of(backends.rankingRead(r -> r.catalogMine(caller.bearer())));
    }
}
