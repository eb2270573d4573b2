package io.caimei.ranking.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.caimei.ranking.mapping.WhatIfAnswer;
import io.caimei.ranking.mapping.WhatIfRequest;

/** The scoring service's what-if scoring: the scores and the weights that made them. */
@Path("/v1/scores/what-if")
@RegisterRestClient(configKey = "scoring")
public interface ScoringClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    WhatIfAnswer whatIf(@HeaderParam("Authorization") String auth, WhatIfRequest request);
}
