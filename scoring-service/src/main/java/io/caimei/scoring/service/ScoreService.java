package io.caimei.scoring.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
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
import io.vertx.mutiny.redis.client.Response;
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
     * Scores and publishes every dirty pair of the partitions (ascending), then clears them. The partitions go side
     * by side: their dirty sets in one wait, their values in one wait, their scores out together under one wait for
     * the broker's acknowledgements, their marks cleared in one round trip. A wait per partition and step kept the
     * consumer thread idle several times per poll at a steady rate. One caller at a time per partition (locks taken
     * in ascending order), so a clear can never drop a pair another caller marked after reading the set.
     */
    private int publishDirty(List<Integer> partitions) {
        List<ReentrantLock> held = new ArrayList<>(partitions.size());
        try {
            for (int partition : partitions) {
                ReentrantLock lock = locks.computeIfAbsent(partition, p -> new ReentrantLock());
                lock.lock();
                held.add(lock);
            }
            List<CompletableFuture<Response>> sets = new ArrayList<>(partitions.size());
            partitions.forEach(p -> sets.add(dirty.startDirty(p)));
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < partitions.size(); i++) {
                List<EntityPeriod> pairs = dirty.dirty(sets.get(i));
                for (int from = 0; from < pairs.size(); from += page) {
                    pages.add(new Page(partitions.get(i), pairs.subList(from, Math.min(pairs.size(), from + page))));
                }
            }
            int published = 0;
            // at most MAX_UNACKNOWLEDGED pairs at a time (bounds the producer's buffer and Redis' waiting replies)
            for (int from = 0; from < pages.size();) {
                List<Page> group = new ArrayList<>();
                int size = 0;
                while (from < pages.size() && (group.isEmpty() || size + pages.get(from).pairs().size()
                        <= MAX_UNACKNOWLEDGED)) {
                    size += pages.get(from).pairs().size();
                    group.add(pages.get(from++));
                }
                published += publish(group);
            }
            scoreUpdates.increment(published);
            return published;
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }

    /** One partition's slice of dirty pairs. */
    private record Page(int partition, List<EntityPeriod> pairs) {
    }

    /** Reads, scores and sends the pages together, waits for every acknowledgement, then clears their marks. */
    private int publish(List<Page> group) {
        List<AggregateRepository.Reading> reads = new ArrayList<>(group.size());
        group.forEach(p -> reads.add(aggregates.startReadPairs(p.partition(), p.pairs())));
        List<ScorePublisher.Sent> sent = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            sent.add(publisher.send(score(group.get(i).pairs(), reads.get(i).await())));
        }
        sent.forEach(ScorePublisher.Sent::await);
        Map<Integer, List<EntityPeriod>> cleared = new TreeMap<>();
        int count = 0;
        for (Page p : group) {
            cleared.computeIfAbsent(p.partition(), k -> new ArrayList<>()).addAll(p.pairs());
            count += p.pairs().size();
        }
        dirty.clear(cleared);
        return count;
    }

    /** The scores of pairs whose raw values were read, in order. */
    private List<ScoreUpdate> score(List<EntityPeriod> pairs, List<RawValues> values) {
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
