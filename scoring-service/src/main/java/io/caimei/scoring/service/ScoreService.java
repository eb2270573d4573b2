package io.caimei.scoring.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.EntityType;
import io.caimei.events.ScoreUpdate;
import io.caimei.scoring.config.ScoringConfig;
import io.caimei.scoring.mapping.EntityPeriod;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.AggregateRepository.RawValues;
import io.caimei.scoring.repository.DirtyRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns a partition's changed (entity, period) pairs into published scores. The pairs stay marked dirty
 * in Redis until Kafka has acknowledged their scores, so a crash in between re-publishes, never loses.
 */
@ApplicationScoped
public class ScoreService {

    private final AggregateRepository aggregates;
    private final DirtyRepository dirty;
    private final ProfileRegistry profiles;
    private final ScorePublisher publisher;
    private final int page;
    private final Counter scoreUpdates;
    private final Map<Integer, Object> locks = new ConcurrentHashMap<>();
    /** Partitions with changes not yet published, each with the time (nanos) of its oldest such change. */
    private final Map<Integer, Long> pendingSince = new ConcurrentHashMap<>();
    private final long intervalNanos;

    public ScoreService(AggregateRepository aggregates, DirtyRepository dirty, ProfileRegistry profiles,
            ScorePublisher publisher, ScoringConfig config, MeterRegistry metrics) {
        this.aggregates = aggregates;
        this.dirty = dirty;
        this.profiles = profiles;
        this.publisher = publisher;
        this.page = config.scoring().publishPage();
        this.intervalNanos = config.scoring().publishInterval().toNanos();
        this.scoreUpdates = Counter.builder("caimei.score.updates").description("score updates published")
                .register(metrics);
    }

    /** Notes that a partition has dirty pairs to publish by {@link #publishDue(boolean)}. */
    public void defer(int partition) {
        pendingSince.putIfAbsent(partition, System.nanoTime());
    }

    /**
     * Publishes the deferred partitions whose oldest change waited the publish interval, or all of them when
     * {@code idle} (nothing more is coming, so waiting would only delay the boards). The dirty pairs are in Redis,
     * so a crash before this loses nothing: the next owner of the partition publishes them on assignment.
     */
    public void publishDue(boolean idle) {
        long now = System.nanoTime();
        for (Map.Entry<Integer, Long> e : pendingSince.entrySet()) {
            int partition = e.getKey();
            if ((idle || now - e.getValue() >= intervalNanos) && pendingSince.remove(partition, e.getValue())) {
                try {
                    publishDirty(partition);
                } catch (RuntimeException failure) {
                    pendingSince.putIfAbsent(partition, e.getValue());
                    throw failure;
                }
            }
        }
    }

    /** Forgets the deferred partitions (the consumer restarts; assignment publishes what is dirty). */
    public void forgetDeferred() {
        pendingSince.clear();
    }

    /**
     * Scores and publishes every dirty pair of the partition, then clears them. One caller at a time per
     * partition, so a clear can never drop a pair another caller marked after reading the set.
     */
    public int publishDirty(int partition) {
        synchronized (locks.computeIfAbsent(partition, p -> new Object())) {
            return publishDirtyLocked(partition);
        }
    }

    private int publishDirtyLocked(int partition) {
        List<EntityPeriod> pending = dirty.dirty(partition);
        int published = 0;
        for (int from = 0; from < pending.size(); from += page) {
            List<EntityPeriod> slice = pending.subList(from, Math.min(pending.size(), from + page));
            publisher.publish(score(partition, slice));
            dirty.clear(partition, slice);
            published += slice.size();
        }
        scoreUpdates.increment(published);
        return published;
    }

    /** Current scores of the given pairs, in order. */
    public List<ScoreUpdate> score(int partition, List<EntityPeriod> pairs) {
        List<RawValues> values = aggregates.readPairs(partition, pairs);
        String now = Instant.now().toString();
        List<ScoreUpdate> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            RawValues v = values.get(i);
            EntityType type = pairs.get(i).type();
            WeightProfile profile = profiles.forType(type);
            double index = IndexCalculator.index(profile, v.raw());
            boolean music = type == EntityType.MUSIC;
            out.add(new ScoreUpdate(v.entityId(), type, v.period(), index, profile.name(), profile.version(),
                    music ? v.topContributor() : null, music ? v.topContributorOrders() : 0, now));
        }
        return out;
    }
}
