package io.caimei.ranking.service;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.caimei.common.rest.StoreUnavailableException;
import io.caimei.events.EntityType;
import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.repository.CatalogRepository;
import io.caimei.ranking.repository.FrozenRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/** The catalog, cached in memory for names and board membership, reloaded when another replica changes it. */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);

    private final CatalogRepository repository;
    private final FrozenRepository frozen;
    private final Map<String, CatalogEntity> cache = new ConcurrentHashMap<>();
    private volatile long version = Long.MIN_VALUE;
    private volatile boolean ready;

    public CatalogService(CatalogRepository repository, FrozenRepository frozen) {
        this.repository = repository;
        this.frozen = frozen;
    }

    void onStart(@Observes StartupEvent ev) {
        repository.createSchema();
        frozen.createSchema();
        reload();
        ready = true;
    }

    @Scheduled(every = "5s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            if (ready && repository.version() != version) {
                reload();
            }
        } catch (StoreUnavailableException e) {
            // the cached catalog keeps serving; the next refresh tries again
            LOG.warnf("catalog not refreshed: %s", e.getMessage());
        }
    }

    private synchronized void reload() {
        long v = repository.version();
        Map<String, CatalogEntity> fresh = new HashMap<>();
        repository.all().forEach(e -> fresh.put(e.id(), e));
        cache.keySet().retainAll(fresh.keySet());
        cache.putAll(fresh);
        version = v;
    }

    public Optional<CatalogEntity> find(String id) {
        return Optional.ofNullable(cache.get(id));
    }

    /** Stores entities and makes them visible at once on this replica. */
    public void save(List<CatalogEntity> entities) {
        repository.upsert(entities);
        entities.forEach(e -> cache.put(e.id(), e));
        version = repository.version();
    }

    public List<CatalogEntity> all() {
        return cache.values().stream().sorted(Comparator.comparing(CatalogEntity::id)).toList();
    }

    /** The CAMPAIGN entities an advertiser owns, by id, from memory. */
    public List<CatalogEntity> campaignsOf(String advertiserId) {
        return cache.values().stream()
                .filter(e -> e.type() == EntityType.CAMPAIGN && advertiserId.equals(e.owner()))
                .sorted(Comparator.comparing(CatalogEntity::id)).toList();
    }

    public long version() {
        return version;
    }
}
