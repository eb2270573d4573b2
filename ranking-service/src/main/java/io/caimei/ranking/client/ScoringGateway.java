package io.caimei.ranking.client;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Calls what-if scoring with the caller's token, under a timeout, retries (it only reads) and a breaker. */
@ApplicationScoped
public class ScoringGateway {

    private final ScoringClient client;

    public ScoringGateway(@RestClient ScoringClient client) {
        this.client = client;
    }

    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, abortOn = jakarta.ws.rs.WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Map<String, Double> simulate(String bearer, String period, Map<String, Double> weights, List<String> ids) {
        Map<String, Object> request = Map.of("period", period, "weights", weights, "entityIds", ids);
        Map<String, Double> out = new HashMap<>();
        for (Map<String, Object> s : client.simulate(bearer, request)) {
            out.put((String) s.get("entityId"), ((Number) s.get("index")).doubleValue());
        }
        return out;
    }
}
