package io.caimei.ranking.client;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.caimei.common.rest.Problem;
import io.caimei.ranking.mapping.WhatIfAnswer;
import io.caimei.ranking.mapping.WhatIfRequest;

/**
 * Calls what-if scoring with the caller's token, under a timeout, retries (it only reads) and a breaker. Scoring's
 * 4xx answers are the caller's mistakes: they become a 400 problem and never count against the breaker, so one
 * caller's bad weights cannot open it for everyone.
 */
@ApplicationScoped
public class ScoringGateway {

    private final ScoringClient client;

    public ScoringGateway(@RestClient ScoringClient client) {
        this.client = client;
    }

    // values in application.properties (quarkus.fault-tolerance."io.caimei.ranking.client.ScoringGateway/simulate")
    @Timeout
    @Retry(abortOn = { WebApplicationException.class, Problem.class })
    @CircuitBreaker(skipOn = Problem.class)
    public WhatIfAnswer simulate(String bearer, String period, String boardId, Map<String, Object> weights,
            List<String> ids) {
        try {
            return client.whatIf(bearer, new WhatIfRequest(period, weights, ids, boardId));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                throw new Problem(400, "bad-profile", "Bad weight profile", detailOf(e));
            }
            throw e;
        }
    }

    /** Scoring's own problem detail (it names the bad node), or a generic one when the body is not a problem. */
    private static String detailOf(WebApplicationException e) {
        try {
            Object detail = e.getResponse().readEntity(Map.class).get("detail");
            return detail == null ? "invalid weights" : detail.toString();
        } catch (RuntimeException unreadable) {
            return "invalid weights";
        }
    }
}
