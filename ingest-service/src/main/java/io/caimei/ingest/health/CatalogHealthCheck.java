package io.caimei.ingest.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.caimei.ingest.service.AttributionService;

/**
 * Ready once the attribution links were loaded at least once: events accepted before that could not be credited
 * to their music, account and campaigns. Later refresh failures keep the last copy and stay ready.
 */
@Readiness
public class CatalogHealthCheck implements HealthCheck {

    private final AttributionService attribution;

    public CatalogHealthCheck(AttributionService attribution) {
        this.attribution = attribution;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("catalog-links").status(attribution.version() >= 0)
                .withData("version", attribution.version()).build();
    }
}
