package io.caimei.scoring.client;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.caimei.scoring.mapping.CatalogEntry;

/**
 * Looks an entity up in ranking's catalog under a timeout, one retry (it only reads) and a breaker. Ranking's
 * refusal (403) and "not in catalog" (404) are answers, not failures: they never count against the breaker. Any
 * other failure is thrown, and the caller turns it into a 503.
 */
@ApplicationScoped
public class CatalogGateway {

    private final CatalogClient client;

    public CatalogGateway(@RestClient CatalogClient client) {
        this.client = client;
    }

    // values in application.properties (quarkus.fault-tolerance."io.caimei.scoring.client.CatalogGateway/entity")
    @Timeout
    @Retry
    @CircuitBreaker
    public Optional<CatalogEntry> entity(String bearer, String id) {
        try {
            return Optional.ofNullable(client.entity(bearer, id));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 403 || status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
