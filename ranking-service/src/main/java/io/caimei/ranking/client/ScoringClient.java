package io.caimei.ranking.client;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The scoring service's what-if scoring. */
@Path("/v1/scores/simulate")
@RegisterRestClient(configKey = "scoring")
public interface ScoringClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    List<Map<String, Object>> simulate(@HeaderParam("Authorization") String auth, Map<String, Object> request);
}
