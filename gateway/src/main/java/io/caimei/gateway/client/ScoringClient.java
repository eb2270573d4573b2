package io.caimei.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The scoring service: explanations, periods and their closing. */
@Path("/v1")
@RegisterRestClient(configKey = "scoring")
public interface ScoringClient {

    @GET
    @Path("/entities/{entity}/periods/{period}/explanation")
    Response explanation(@HeaderParam("Authorization") String auth, @PathParam("entity") String entity,
            @PathParam("period") String period);

    @GET
    @Path("/weight-profiles")
    Response profiles(@HeaderParam("Authorization") String auth);

    @GET
    @Path("/weight-profiles/{name}/audit")
    Response profileAudit(@HeaderParam("Authorization") String auth, @PathParam("name") String name);

    @POST
    @Path("/weight-profiles")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createProfile(@HeaderParam("Authorization") String auth, byte[] body);

    @POST
    @Path("/weight-profiles/{name}/versions/{version}/activate")
    Response activate(@HeaderParam("Authorization") String auth, @PathParam("name") String name,
            @PathParam("version") String version);

    @POST
    @Path("/periods/{period}/close")
    Response close(@HeaderParam("Authorization") String auth, @PathParam("period") String period);
}
