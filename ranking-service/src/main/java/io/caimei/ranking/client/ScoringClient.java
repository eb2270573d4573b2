package io.caimei.ranking.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.caimei.ranking.mapping.WhatIfRequest;
import io.caimei.ranking.mapping.WhatIfScore;

/** The scoring service's what-if scoring. */
@Path("/v1/scores/simulate")
@RegisterRestClient(configKey = "scoring")
public interface ScoringClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    List<WhatIfScore> simulate(@HeaderParam("Authorization") String auth, WhatIfRequest request);
}
