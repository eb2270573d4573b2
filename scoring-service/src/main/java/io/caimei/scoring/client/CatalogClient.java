package io.caimei.scoring.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.caimei.scoring.mapping.CatalogEntry;

/** The ranking service's catalog, asked with the caller's own token (ranking applies tenancy to it too). */
@Path("/v1/catalog/entities")
@RegisterRestClient(configKey = "catalog")
public interface CatalogClient {

    @GET
    @Path("/{id}")
    CatalogEntry entity(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);
}
