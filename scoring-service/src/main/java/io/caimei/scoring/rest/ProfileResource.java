package io.caimei.scoring.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.caimei.scoring.mapping.Activation;
import io.caimei.scoring.mapping.AuditEntry;
import io.caimei.scoring.mapping.ProfileDraft;
import io.caimei.scoring.mapping.ProfileVersion;
import io.caimei.scoring.service.ProfileService;
import io.quarkus.security.identity.SecurityIdentity;

/** Weight profiles: read by analysts, created and activated by admins, every change audited. */
@Path("/v1/weight-profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final ProfileService profiles;
    private final SecurityIdentity identity;

    public ProfileResource(ProfileService profiles, SecurityIdentity identity) {
        this.profiles = profiles;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ "analyst", "admin" })
    public List<ProfileVersion> all() {
        return profiles.all();
    }

    @GET
    @Path("/{name}/audit")
    @RolesAllowed({ "analyst", "admin" })
    public List<AuditEntry> audit(@PathParam("name") String name) {
        return profiles.audit(name);
    }

    @POST
    @RolesAllowed("admin")
    public Response create(ProfileDraft draft) {
        return Response.status(201).entity(profiles.create(draft, actor())).build();
    }

    @POST
    @Path("/{name}/versions/{version}/activate")
    @RolesAllowed("admin")
    public Activation activate(@PathParam("name") String name, @PathParam("version") int version) {
        int rescored = profiles.activate(name, version, actor());
        return new Activation(name, version, "ACTIVE", rescored);
    }

    /** Who acts, from the token: the user's name, else the subject. */
    private String actor() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object name = jwt.getClaim("preferred_username");
            return name != null ? name.toString() : jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
