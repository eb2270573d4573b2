package io.caimei.scoring.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.EntityType;
import io.caimei.events.ScoreUpdate;
import io.caimei.scoring.repository.AggregateRepository;
import io.caimei.scoring.repository.AggregateRepository.RawValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns a partition's changed (entity, period) pairs into published scores. The pairs stay marked dirty
 * in Redis until Kafka has acknowledged their scores, so a crash in between re-publishes, never loses.
 */
@ApplicationScoped
public class ScoreService {

    private static final int PAGE = 2000;

    private final AggregateRepository aggregates;
    private final ProfileRegistry profiles;
    private final ScorePublisher publisher;
    private final Counter scoreUpdates;
    private final java.util.Map<Integer, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    public ScoreService(AggregateRepository aggregates, ProfileRegistry profiles, ScorePublisher publisher,
            MeterRegistry metrics) {
        this.aggregates = aggregates;
        this.profiles = profiles;
        this.publisher = publisher;
        this.scoreUpdates = Counter.builder("caimei.score.updates").description("score updates published")
                .register(metrics);
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
        List<String> dirty = aggregates.dirty(partition);
        int published = 0;
        for (int from = 0; from < dirty.size(); from += PAGE) {
            List<String> page = dirty.subList(from, Math.min(dirty.size(), from + PAGE));
            publisher.publish(score(partition, page));
            aggregates.clearDirty(partition, page);
            published += page.size();
        }
        scoreUpdates.increment(published);
        return published;
    }

    /** Current scores of the given {@code type|entityId|period} members. */
    public List<ScoreUpdate> score(int partition, List<String> members) {
        List<String[]> pairs = new ArrayList<>(members.size());
        List<EntityType> types = new ArrayList<>(members.size());
        for (String m : members) {
            String[] parts = m.split("\\|", 3);
            types.add(EntityType.valueOf(parts[0]));
            pairs.add(new String[] { parts[1], parts[2] });
        }
        List<RawValues> values = aggregates.read(partition, pairs);
        String now = Instant.now().toString();
        List<ScoreUpdate> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            RawValues v = values.get(i);
            EntityType type = types.get(i);
            WeightProfile profile = profiles.forType(type);
            double index = IndexCalculator.index(profile, v.raw());
            boolean music = type == EntityType.MUSIC;
            out.add(new ScoreUpdate(v.entityId(), type, v.period(), index, profile.name(), profile.version(),
                    music ? v.topContributor() : null, music ? v.topContributorOrders() : 0, now));
        }
        return out;
    }
}
