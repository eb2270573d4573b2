package io.caimei.ingest.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.oidc.client.Tokens;

/** Fetches attribution links with the service's own client-credentials token, under fault tolerance. */
@ApplicationScoped
public class CatalogGateway {

    private final CatalogClient client;
    private final Tokens tokens;

    public CatalogGateway(@RestClient CatalogClient client, Tokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 1, delayUnit = ChronoUnit.SECONDS)
    public CatalogClient.Attribution attribution() {
        return client.attribution("Bearer " + tokens.getAccessToken());
    }
}
