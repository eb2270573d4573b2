package io.caimei.ingest.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.caimei.events.CanonicalEvent;
import io.caimei.events.EntityType;
import io.caimei.ingest.client.CatalogClient;
import io.caimei.ingest.client.CatalogGateway;
import io.quarkus.scheduler.Scheduled;

/**
 * Fans an event on a CONTENT out to its MUSIC, ACCOUNT and CAMPAIGNs, from a cached copy of the catalog's
 * links that refreshes on a short interval (so a catalog change applies within seconds).
 */
@ApplicationScoped
public class AttributionService {

    private static final Logger LOG = Logger.getLogger(AttributionService.class);

    private final CatalogGateway catalog;
    private volatile Map<String, List<String>> links = Map.of();
    private volatile long version = -1;

    public AttributionService(CatalogGateway catalog) {
        this.catalog = catalog;
    }

    @Scheduled(every = "${caimei.ingest.catalog-refresh:5s}", delay = 0, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            CatalogClient.Attribution a = catalog.attribution();
            links = a.links() == null ? Map.of() : Map.copyOf(a.links());
            version = a.version();
        } catch (RuntimeException e) {
            // keep the last good copy: attribution degrades to slightly stale, ingest keeps accepting
            LOG.warnf("catalog refresh failed, keeping version %d: %s", version, e.getClass().getSimpleName());
        }
    }

    /** The event itself followed by one copy per attributed entity. */
    public List<CanonicalEvent> fanOut(CanonicalEvent e) {
        if (e.entityType() != EntityType.CONTENT || e.attributedFrom() != null) {
            return List.of(e);
        }
        List<String> targets = links.get(e.entityId());
        if (targets == null) {
            return List.of(e);
        }
        List<CanonicalEvent> out = new ArrayList<>(1 + targets.size());
        out.add(e);
        for (String t : targets) {
            int colon = t.indexOf(':');
            out.add(e.attributedTo(EntityType.valueOf(t.substring(0, colon)), t.substring(colon + 1)));
        }
        return out;
    }

    public long version() {
        return version;
    }
}
