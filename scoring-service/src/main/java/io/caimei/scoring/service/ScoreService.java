package io.caimei.scoring.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

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
    /** Scores sent before one wait for their acknowledgements, at most (bounds the producer's buffer). */
    static final int MAX_UNACKNOWLEDGED = 20_000;

    private final Map<Integer, ReentrantLock> locks = new ConcurrentHashMap<>();
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
        Map<Integer, Long> taken = new TreeMap<>();
        pendingSince.forEach((partition, since) -> {
            if ((idle || now - since >= intervalNanos) && pendingSince.remove(partition, since)) {
                taken.put(partition, since);
            }
        });
        if (taken.isEmpty()) {
            return;
        }
        try {
            publishDirty(List.copyOf(taken.keySet()));
        } catch (RuntimeException failure) {
            taken.forEach(pendingSince::putIfAbsent);
            throw failure;
        }
    }

    /** Forgets the deferred partitions (the consumer restarts; assignment publishes what is dirty). */
    public void forgetDeferred() {
        pendingSince.clear();
    }

    /** Scores and publishes every dirty pair of the partition, then clears them. */
    public int publishDirty(int partition) {
        return publishDirty(List.of(partition));
    }

    /**
     * Scores and publishes every dirty pair of the partitions (ascending), then clears them. The partitions' scores
     * go out together and one wait covers their acknowledgements: a wait per partition kept the consumer thread
     * idle for a broker round trip each, several times per poll at a steady rate. One caller at a time per
     * partition (locks taken in ascending order), so a clear can never drop a pair another caller marked after
     * reading the set.
     */
    private int publishDirty(List<Integer> partitions) {
        List<ReentrantLock> held = new ArrayList<>(partitions.size());
        try {
            for (int partition : partitions) {
                ReentrantLock lock = locks.computeIfAbsent(partition, p -> new ReentrantLock());
                lock.lock();
                held.add(lock);
            }
            Unacknowledged pending = new Unacknowledged();
            for (int partition : partitions) {
                List<EntityPeriod> pairs = dirty.dirty(partition);
                for (int from = 0; from < pairs.size(); from += page) {
                    List<EntityPeriod> slice = pairs.subList(from, Math.min(pairs.size(), from + page));
                    pending.add(partition, slice, publisher.send(score(partition, slice)));
                    if (pending.updates >= MAX_UNACKNOWLEDGED) {
                        pending.settle();
                    }
                }
            }
            pending.settle();
            return pending.published;
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    /** Pages sent and not yet acknowledged; settling waits for them, then clears their pairs' dirty marks. */
    private final class Unacknowledged {

        private final List<Integer> partitions = new ArrayList<>();
        private final List<List<EntityPeriod>> slices = new ArrayList<>();
        private final List<ScorePublisher.Sent> sent = new ArrayList<>();
        private int updates;
        private int published;

        void add(int partition, List<EntityPeriod> slice, ScorePublisher.Sent s) {
            partitions.add(partition);
            slices.add(slice);
            sent.add(s);
            updates += slice.size();
        }

        void settle() {
            sent.forEach(ScorePublisher.Sent::await);
            for (int i = 0; i < slices.size(); i++) {
                dirty.clear(partitions.get(i), slices.get(i));
            }
            scoreUpdates.increment(updates);
            published += updates;
            updates = 0;
            partitions.clear();
            slices.clear();
            sent.clear();
        }
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
