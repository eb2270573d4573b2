package io.caimei.ranking.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.repository.CatalogRepository;
import io.caimei.ranking.repository.FrozenRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/** The catalog, cached in memory for names and board membership, reloaded when another replica changes it. */
@ApplicationScoped
public class CatalogService {

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
        if (ready && repository.version() != version) {
            reload();
        }
    }

    private synchronized void reload() {
        long v = repository.version();
        Map<String, CatalogEntity> fresh = new java.util.HashMap<>();
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
        return cache.values().stream().sorted(java.util.Comparator.comparing(CatalogEntity::id)).toList();
    }

    public long version() {
        return version;
    }
}
