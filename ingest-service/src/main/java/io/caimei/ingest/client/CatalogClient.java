package io.caimei.ingest.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The ranking service's catalog: the attribution links of every content. */
@Path("/v1/catalog")
@RegisterRestClient(configKey = "catalog")
public interface CatalogClient {

    @GET
    @Path("/attribution")
    Attribution attribution(@HeaderParam("Authorization") String bearer);

    /** Links per content id, each {@code TYPE:id}; the version changes whenever the catalog does. */
    record Attribution(long version, Map<String, List<String>> links) {
    }
}
