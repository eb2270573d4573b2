package io.caimei.gateway.client;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The ingest service: canonical and native event batches, passed through byte for byte. */
@Path("/v1")
@RegisterRestClient(configKey = "ingest")
public interface IngestClient {

    @POST
    @Path("/events")
    Response canonical(@HeaderParam("Authorization") String auth, @HeaderParam("Content-Type") String type,
            byte[] body);

    @POST
    @Path("/channels/{channel}/events")
    Response channel(@HeaderParam("Authorization") String auth, @HeaderParam("Content-Type") String type,
            @PathParam("channel") String channel, byte[] body);
}
