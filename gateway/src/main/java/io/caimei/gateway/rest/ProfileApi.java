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

import io.caimei.gateway.client.Backends;
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
    public Response profiles() {
        return Relay.of(backends.scoringRead(s -> s.profiles(caller.bearer())));
    }

    @GET
    @Path("/weight-profiles/{name}/audit")
    @RolesAllowed({ "analyst", "admin" })
    @Operation(summary = "Who created and activated which version, when, and what changed")
    public Response audit(@PathParam("name") String name) {
        return Relay.of(backends.scoringRead(s -> s.profileAudit(caller.bearer(), name)));
    }

    @POST
    @Path("/weight-profiles")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Store a new version (draft) of a profile: {name, weights:{C1..E13}}")
    public Response create(byte[] body) {
        Response answer = Relay.of(backends.scoringWrite(s -> s.createProfile(caller.bearer(), body)));
        return audit.admin("weight-profile-create", audit.profileVersionOf(answer), answer);
    }

    @POST
    @Path("/weight-profiles/{name}/versions/{version}/activate")
    @RolesAllowed("admin")
    @Operation(summary = "Activate a version; open periods of its boards are re-scored without replay")
    public Response activate(@PathParam("name") String name, @PathParam("version") String version) {
        Response answer = Relay.of(backends.scoringWrite(s -> s.activate(caller.bearer(), name, version)));
        // the path's name and version are the caller's text: the backend's answer names what was activated
        return audit.admin("weight-profile-activate", audit.profileVersionOf(answer), answer);
    }
}
