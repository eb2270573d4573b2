package io.caimei.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.caimei.gateway.client.Backends;
import io.caimei.gateway.mapping.ApiSchemas;
import io.caimei.gateway.service.AuditLog;
import io.caimei.gateway.service.Caller;

/** Weight profiles (versioned, audited). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public class ProfileApi {

    private final Backends backends;
    private final Caller caller;
    private final AuditLog audit;

    public ProfileApi(Backends backends, Caller caller, AuditLog audit) {
        this.backends = backends;
        this.caller = caller;
        this.audit = audit;
    }

    @GET
    @Path("/weight-profiles")
    @RolesAllowed({ "analyst", "admin" })
    @Operation(summary = "Every version of every weight profile")
    @APIResponse(responseCode = "200", description = "The profiles' versions, weights printed as entered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.ProfileVersion.class)))
    public Response profiles() {
        return Relay.of(backends.scoringRead(s -> s.profiles(caller.bearer())));
    }

    @GET
    @Path("/weight-profiles/{name}/audit")
    @RolesAllowed({ "analyst", "admin" })
    @Operation(summary = "Who created and activated which version, when, and what changed")
    @APIResponse(responseCode = "200", description = "The profile's audit trail",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ApiSchemas.AuditEntry.class)))
    @APIResponse(responseCode = "404", description = "No such profile")
    public Response audit(@Parameter(description = "The profile name, e.g. standard") @PathParam("name") String name) {
        return Relay.of(backends.scoringRead(s -> s.profileAudit(caller.bearer(), name)));
    }

    @POST
    @Path("/weight-profiles")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Store a new version (draft) of a profile: {name, weights:{C1..E13}}")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiSchemas.ProfileDraft.class)))
    @APIResponse(responseCode = "201", description = "The stored draft version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.ProfileVersion.class)))
    @APIResponse(responseCode = "400", description = "Not a valid profile (unknown code, missing or negative weight)")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    public Response create(byte[] body) {
        Response answer = Relay.of(backends.scoringWrite(s -> s.createProfile(caller.bearer(), body)));
        return audit.admin("weight-profile-create", audit.profileVersionOf(answer), answer);
    }

    @POST
    @Path("/weight-profiles/{name}/versions/{version}/activate")
    @RolesAllowed("admin")
    @Operation(summary = "Activate a version; open periods of its boards are re-scored without replay")
    @APIResponse(responseCode = "200",
            description = "The version now active and how many entity-periods were re-scored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiSchemas.Activation.class)))
    @APIResponse(responseCode = "400", description = "Bad version number")
    @APIResponse(responseCode = "404", description = "No such profile or version")
    public Response activate(@Parameter(description = "The profile name, e.g. standard") @PathParam("name") String name,
            @Parameter(description = "The version number to activate") @PathParam("version") String version) {
        Response answer = Relay.of(backends.scoringWrite(s -> s.activate(caller.bearer(), name, version)));
        // the path's name and version are the caller's text: the backend's answer names what was activated
        return audit.admin("weight-profile-activate", audit.profileVersionOf(answer), answer);
    }
}
