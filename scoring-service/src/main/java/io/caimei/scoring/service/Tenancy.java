package io.caimei.scoring.service;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.jboss.logging.Logger;

import io.caimei.common.rest.Problems;
import io.caimei.common.security.BreakdownAccess;
import io.caimei.scoring.client.CatalogGateway;
import io.caimei.scoring.mapping.CatalogEntry;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Advertiser tenancy of raw values and breakdowns, enforced here and not only at the gateway: the shared rule
 * ({@link BreakdownAccess}) on the entity as ranking's catalog describes it. Analysts and admins need no lookup.
 */
@RequestScoped
public class Tenancy {

    private static final Logger LOG = Logger.getLogger(Tenancy.class);

    private final SecurityIdentity identity;
    private final CatalogGateway catalog;

    public Tenancy(SecurityIdentity identity, CatalogGateway catalog) {
        this.identity = identity;
        this.catalog = catalog;
    }

    /**
     * Returns if the caller may see the entity's breakdown; else throws the 403 {@code not-your-campaign}, or a 503
     * when the catalog cannot be asked (an outage must never turn into an answer either way).
     *
     * @param bearer the caller's Authorization header, passed on to the catalog
     */
    public void requireBreakdownAccess(String bearer, String entityId) {
        if (BreakdownAccess.seesEverything(identity)) {
            return;
        }
        if (BreakdownAccess.advertiserId(identity).isEmpty()) {
            throw BreakdownAccess.notYourCampaign();
        }
        Optional<CatalogEntry> entry;
        try {
            entry = catalog.entity(bearer, entityId);
        } catch (RuntimeException unavailable) {
            LOG.warnf("catalog lookup for tenancy failed: %s", unavailable.toString());
            throw Problems.unavailable("the catalog (ranking service)");
        }
        BreakdownAccess.require(identity, entry.map(CatalogEntry::type).orElse(null),
                entry.map(CatalogEntry::owner).orElse(null));
    }
}
