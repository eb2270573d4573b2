package io.caimei.ranking.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.caimei.ranking.mapping.WhatIfRequest;
import io.caimei.ranking.mapping.WhatIfScore;

/** Calls what-if scoring with the caller's token, under a timeout, retries (it only reads) and a breaker. */
@ApplicationScoped
public class ScoringGateway {

    private final ScoringClient client;

    public ScoringGateway(@RestClient ScoringClient client) {
        this.client = client;
    }

    // values in application.properties (quarkus.fault-tolerance."io.caimei.ranking.client.ScoringGateway/simulate")
    @Timeout
    @Retry(abortOn = WebApplicationException.class)
    @CircuitBreaker
    public Map<String, Double> simulate(String bearer, String period, Map<String, Double> weights, List<String> ids) {
        Map<String, Double> out = new HashMap<>();
        for (WhatIfScore s : client.simulate(bearer, new WhatIfRequest(period, weights, ids))) {
            out.put(s.entityId(), s.index());
        }
        return out;
    }
}
